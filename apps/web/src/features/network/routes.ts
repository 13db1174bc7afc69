import type { RouteRecordRaw } from 'vue-router';
import { rolesOf } from '../auth/permissions.ts';

export const networkRoutes: RouteRecordRaw[] = [
  {
    path: '/services',
    name: 'services',
    component: () => import('./pages/ServicesPage.vue'),
    meta: { title: 'nav.services', nav: 11, roles: rolesOf('networkRead') },
  },
  {
    path: '/services/map',
    name: 'services-map',
    component: () => import('./pages/FacilitiesMapPage.vue'),
    meta: { title: 'servicesMap.title', roles: rolesOf('networkRead') },
  },
  {
    path: '/services/:id',
    name: 'service',
    component: () => import('./pages/ServiceDetailPage.vue'),
    props: true,
    meta: { title: 'services.detailTitle', roles: rolesOf('networkRead') },
  },
  {
    path: '/providers',
    name: 'providers',
    component: () => import('./pages/ProvidersPage.vue'),
    meta: { title: 'nav.providers', nav: 12, roles: rolesOf('regionWide') },
  },
  {
    // Reachable from any service (the API shows each caller the providers in its scope).
    path: '/providers/:id',
    name: 'provider',
    component: () => import('./pages/ProviderDetailPage.vue'),
    props: true,
    meta: { title: 'providers.detailTitle', roles: rolesOf('networkRead') },
  },
];

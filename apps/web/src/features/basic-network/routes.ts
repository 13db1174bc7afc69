import type { RouteRecordRaw } from 'vue-router';
import { rolesOf } from '../auth/permissions.ts';

export const basicNetworkRoutes: RouteRecordRaw[] = [
  {
    path: '/basic-network',
    name: 'basic-network',
    component: () => import('./pages/BasicNetworkPage.vue'),
    meta: { title: 'nav.basicNetwork', nav: 13, roles: rolesOf('basicNetworkPages') },
  },
  {
    path: '/basic-network/entries/new',
    name: 'network-entry-new',
    component: () => import('./pages/NetworkEntryNewPage.vue'),
    meta: { title: 'basicNetwork.newEntry', roles: rolesOf('basicNetworkRequest') },
  },
  {
    // Providers reach their entries from their services.
    path: '/basic-network/entries/:id',
    name: 'network-entry',
    component: () => import('./pages/NetworkEntryPage.vue'),
    props: true,
    meta: { title: 'basicNetwork.entryTitle', roles: rolesOf('basicNetworkRead') },
  },
];

import type { RouteRecordRaw } from 'vue-router';

/** The public service catalogue: no login. */
export const catalogueRoutes: RouteRecordRaw[] = [
  {
    path: '/catalogue',
    name: 'catalogue',
    component: () => import('./pages/CataloguePage.vue'),
    meta: { title: 'catalogue.title', public: true },
  },
  {
    path: '/catalogue/services/:id',
    name: 'catalogue-service',
    component: () => import('./pages/CatalogueServicePage.vue'),
    props: true,
    meta: { title: 'catalogue.serviceTitle', public: true },
  },
];

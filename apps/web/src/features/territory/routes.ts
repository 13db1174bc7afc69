import type { RouteRecordRaw } from 'vue-router';

export const territoryRoutes: RouteRecordRaw[] = [
  {
    path: '/territory',
    name: 'territory',
    component: () => import('./pages/TerritoryPage.vue'),
    meta: { title: 'nav.territory', nav: 10 },
  },
];

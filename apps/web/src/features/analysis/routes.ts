import type { RouteRecordRaw } from 'vue-router';
import { rolesOf } from '../auth/permissions.ts';

export const analysisRoutes: RouteRecordRaw[] = [
  {
    path: '/analysis',
    name: 'dashboard',
    component: () => import('./pages/DashboardPage.vue'),
    meta: { title: 'analysis.title', nav: 5, roles: rolesOf('analysisRead') },
  },
];

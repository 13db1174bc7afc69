import type { RouteRecordRaw } from 'vue-router';
import { rolesOf } from '../auth/permissions.ts';

// The budget page carries chart.js: it is loaded with this route only.
export const financingRoutes: RouteRecordRaw[] = [
  {
    path: '/financing',
    name: 'financing',
    component: () => import('./pages/BudgetPage.vue'),
    meta: { title: 'nav.financing', nav: 14, roles: rolesOf('financingRead') },
  },
  {
    path: '/financing/parameters',
    name: 'financing-parameters',
    component: () => import('./pages/ParametersPage.vue'),
    meta: { title: 'financing.parameters.title', roles: rolesOf('financingRead') },
  },
  {
    path: '/financing/entries/:entryId',
    name: 'entry-financing',
    component: () => import('./pages/EntryFinancingPage.vue'),
    props: true,
    meta: { title: 'financing.calculator.title', roles: rolesOf('financingRead') },
  },
];

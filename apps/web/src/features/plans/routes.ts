import type { RouteRecordRaw } from 'vue-router';
import { rolesOf } from '../auth/permissions.ts';

export const plansRoutes: RouteRecordRaw[] = [
  {
    path: '/plans',
    name: 'plans',
    component: () => import('./pages/PlansPage.vue'),
    meta: { title: 'plans.title', nav: 16, roles: rolesOf('plansRead') },
  },
  {
    // Leaflet comes with this page only (its own lazy chunk).
    path: '/plans/overview',
    name: 'plans-overview',
    component: () => import('./pages/PlansOverviewPage.vue'),
    meta: { title: 'overview.title', nav: 17, roles: rolesOf('plansRead') },
  },
  {
    path: '/plans/new',
    name: 'plan-new',
    component: () => import('./pages/PlanNewPage.vue'),
    meta: { title: 'plans.form.title', roles: rolesOf('plansWrite') },
  },
  {
    path: '/plans/:id',
    name: 'plan',
    component: () => import('./pages/PlanPage.vue'),
    props: true,
    meta: { title: 'plans.detailTitle', roles: rolesOf('plansRead') },
  },

  {
    path: '/plans/:id/nodes/:nodeId/timeline',
    name: 'measure-timeline',
    component: () => import('./pages/MeasureTimelinePage.vue'),
    props: true,
    meta: { title: 'monitoring.timelineCaption', roles: rolesOf('plansRead') },
  },
  {
    path: '/monitoring-rounds/:id',
    name: 'monitoring-round',
    component: () => import('./pages/MonitoringRoundPage.vue'),
    props: true,
    meta: { title: 'monitoring.roundPage', roles: rolesOf('plansRead') },
  },

  {
    path: '/evaluations',
    name: 'evaluations',
    component: () => import('./pages/EvaluationsPage.vue'),
    meta: { title: 'evaluations.title', nav: 18, roles: rolesOf('evaluationsRead') },
  },

  {
    path: '/plans/:id/print',
    name: 'plan-print',
    component: () => import('./pages/PlanPrintPage.vue'),
    props: true,
    meta: { title: 'plan.exports.print', roles: rolesOf('plansRead') },
  },
];

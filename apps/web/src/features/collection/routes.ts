import type { RouteRecordRaw } from 'vue-router';
import { rolesOf } from '../auth/permissions.ts';

export const collectionRoutes: RouteRecordRaw[] = [
  {
    path: '/collection/submissions',
    name: 'submissions',
    component: () => import('./pages/SubmissionsPage.vue'),
    meta: { title: 'submissions.title', nav: 19, roles: rolesOf('collectionRead') },
  },
  {
    path: '/collection/submissions/:id',
    name: 'submission',
    component: () => import('./pages/SubmissionPage.vue'),
    props: true,
    meta: { title: 'submissions.detailTitle', roles: rolesOf('collectionRead') },
  },
  {
    path: '/collection/campaigns',
    name: 'campaigns',
    component: () => import('./pages/CampaignsPage.vue'),
    meta: { title: 'campaigns.title', nav: 21, roles: rolesOf('collectionRead') },
  },
  {
    path: '/collection/campaigns/new',
    name: 'campaign-new',
    component: () => import('./pages/CampaignWizardPage.vue'),
    meta: { title: 'campaigns.wizard.title', roles: rolesOf('collectionManage') },
  },
  {
    path: '/collection/campaigns/:id',
    name: 'campaign',
    component: () => import('./pages/CampaignPage.vue'),
    props: true,
    meta: { title: 'campaigns.detailTitle', roles: rolesOf('collectionRead') },
  },
  {
    path: '/collection/forms',
    name: 'forms',
    component: () => import('./pages/FormsPage.vue'),
    meta: { title: 'forms.title', nav: 22, roles: rolesOf('collectionManage') },
  },
  {
    path: '/collection/forms/:id',
    name: 'form',
    component: () => import('./pages/FormBuilderPage.vue'),
    props: true,
    meta: { title: 'forms.builder.title', roles: rolesOf('collectionManage') },
  },
];

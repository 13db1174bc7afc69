import type { RouteRecordRaw } from 'vue-router';

const admin = { roles: ['region_admin' as const] };

export const adminRoutes: RouteRecordRaw[] = [
  {
    path: '/admin/users',
    name: 'users',
    component: () => import('./pages/UsersPage.vue'),
    meta: { ...admin, title: 'nav.users', nav: 20 },
  },
  {
    path: '/admin/users/new',
    name: 'user-new',
    component: () => import('./pages/UserEditPage.vue'),
    meta: { ...admin, title: 'users.createTitle' },
  },
  {
    path: '/admin/users/:id',
    name: 'user-edit',
    component: () => import('./pages/UserEditPage.vue'),
    props: true,
    meta: { ...admin, title: 'users.editTitle' },
  },
  {
    path: '/admin/api-clients',
    name: 'api-clients',
    component: () => import('./pages/ApiClientsPage.vue'),
    meta: { ...admin, title: 'nav.apiClients', nav: 30 },
  },
  {
    path: '/admin/api-clients/:id',
    name: 'api-client-edit',
    component: () => import('./pages/ApiClientEditPage.vue'),
    props: true,
    meta: { ...admin, title: 'apiClients.editTitle' },
  },
  {
    path: '/admin/audit',
    name: 'audit',
    component: () => import('./pages/AuditPage.vue'),
    meta: { ...admin, title: 'nav.audit', nav: 40 },
  },
];

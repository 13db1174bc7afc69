import type { RouteRecordRaw } from 'vue-router';
import { rolesOf } from '../auth/permissions.ts';

const meta = { roles: rolesOf('registryImport') };

export const registryRoutes: RouteRecordRaw[] = [
  {
    path: '/registry/imports',
    name: 'registry-imports',
    component: () => import('./pages/RegistryImportsPage.vue'),
    meta: { ...meta, title: 'nav.registry', nav: 15 },
  },
  {
    path: '/registry/imports/:id',
    name: 'registry-import',
    component: () => import('./pages/RegistryImportPage.vue'),
    props: true,
    meta: { ...meta, title: 'registry.diff.title' },
  },
  {
    path: '/registry/imports/:id/issues',
    name: 'registry-import-issues',
    component: () => import('./pages/RegistryIssuesPage.vue'),
    props: true,
    meta: { ...meta, title: 'registry.report.caption' },
  },
];

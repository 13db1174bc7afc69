import type { Role } from '@socplan/contracts';
import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router';
import { adminRoutes } from '../features/admin/routes.ts';
import { authRoutes } from '../features/auth/routes.ts';
import { useAuthStore } from '../features/auth/auth.store.ts';
import { basicNetworkRoutes } from '../features/basic-network/routes.ts';
import { financingRoutes } from '../features/financing/routes.ts';
import { homeRoutes } from '../features/home/routes.ts';
import { networkRoutes } from '../features/network/routes.ts';
import { plansRoutes } from '../features/plans/routes.ts';
import { collectionRoutes } from '../features/collection/routes.ts';
import { analysisRoutes } from '../features/analysis/routes.ts';
import { catalogueRoutes } from '../features/catalogue/routes.ts';
import { registryRoutes } from '../features/registry/routes.ts';
import { territoryRoutes } from '../features/territory/routes.ts';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (document title and navigation label). */
    title?: string;
    /** Reachable without logging in. */
    public?: boolean;
    /** Only for principals holding one of these roles. */
    roles?: Role[];
    /** Position in the main navigation; absent = not in the navigation. */
    nav?: number;
  }
}

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes: [
    ...authRoutes,
    ...homeRoutes,
    ...territoryRoutes,
    ...networkRoutes,
    ...basicNetworkRoutes,
    ...financingRoutes,
    ...plansRoutes,
    ...collectionRoutes,
    ...analysisRoutes,
    ...catalogueRoutes,
    ...registryRoutes,
    ...adminRoutes,
    {
      path: '/:pathMatch(.*)*',
      name: 'not-found',
      component: () => import('../features/home/pages/NotFoundPage.vue'),
      meta: { title: 'notFound.title' },
    },
  ],
});

router.beforeEach(async (to: RouteLocationNormalized) => {
  const auth = useAuthStore();
  await auth.restore();
  if (to.meta.public) return auth.isAuthenticated && to.name === 'login' ? { name: 'home' } : true;
  if (!auth.isAuthenticated) return { name: 'login', query: { redirect: to.fullPath } };
  if (to.meta.roles && !auth.hasRole(...to.meta.roles)) return { name: 'home' };
  return true;
});

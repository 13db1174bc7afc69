import type { Role } from '@socplan/contracts';

/**
 * Which roles may do what, as the API grants it (its PERMISSIONS table). The API decides and
 * scopes every call; the SPA uses this only to leave out links and buttons that would be refused.
 */
export const PERMITS = {
  networkRead: [
    'region_admin',
    'region_staff',
    'analyst',
    'coordinator',
    'municipality',
    'provider',
  ],
  networkWrite: ['region_admin', 'region_staff', 'provider'],
  /** Region-wide readers of the network (providers list, registry of everything). */
  regionWide: ['region_admin', 'region_staff', 'analyst'],
  registryImport: ['region_admin', 'region_staff'],
  /** The basic network pages: region, analysts and the territories (providers see theirs in their services). */
  basicNetworkPages: ['region_admin', 'region_staff', 'analyst', 'coordinator', 'municipality'],
  basicNetworkRead: [
    'region_admin',
    'region_staff',
    'analyst',
    'coordinator',
    'municipality',
    'provider',
  ],
  basicNetworkManage: ['region_admin', 'region_staff'],
  basicNetworkRequest: ['region_admin', 'region_staff', 'provider'],
  basicNetworkComment: ['region_admin', 'region_staff', 'coordinator', 'municipality', 'provider'],
  basicNetworkStatement: ['region_admin', 'region_staff', 'coordinator', 'municipality'],
  financingRead: ['region_admin', 'region_staff', 'analyst'],
  financingWrite: ['region_admin', 'region_staff'],
  plansRead: ['region_admin', 'region_staff', 'analyst', 'coordinator', 'municipality'],
  plansWrite: ['region_admin', 'region_staff', 'coordinator'],
  monitoringReport: ['region_admin', 'region_staff', 'coordinator'],
  monitoringReview: ['region_admin', 'region_staff', 'coordinator'],
  evaluationsRead: ['region_admin', 'region_staff', 'analyst', 'coordinator'],
  evaluationsWrite: ['region_admin', 'region_staff'],
  collectionManage: ['region_admin', 'region_staff'],
  collectionRead: [
    'region_admin',
    'region_staff',
    'analyst',
    'coordinator',
    'municipality',
    'provider',
  ],
  collectionRespond: ['region_admin', 'region_staff', 'municipality', 'provider'],
  collectionReview: ['region_admin', 'region_staff'],
} as const satisfies Record<string, readonly Role[]>;

export type Permit = keyof typeof PERMITS;

/** Route meta `roles` of a permit. */
export const rolesOf = (permit: Permit): Role[] => [...PERMITS[permit]];

import { PERMISSIONS, type Action, type Role } from '@socplan/contracts/constants';

/** `plans.read` → `plansRead`, `basicNetwork.manage` → `basicNetworkManage`. */
type CamelAction<A extends string> = A extends `${infer Head}.${infer Tail}`
  ? `${Head}${Capitalize<Tail>}`
  : A;

const camel = (action: string) => action.replace(/\.(\w)/g, (_, c: string) => c.toUpperCase());

/**
 * Which roles may do what: the API's PERMISSIONS table (one table in contracts), by camel-cased
 * action, plus two groupings only the SPA's navigation needs. The API decides and scopes every
 * call; the SPA uses this only to leave out links and buttons that would be refused.
 */
export const PERMITS = {
  ...(Object.fromEntries(
    Object.entries(PERMISSIONS).map(([action, roles]) => [camel(action), roles]),
  ) as { [A in Action as CamelAction<A>]: (typeof PERMISSIONS)[A] }),
  /** Region-wide readers of the network (providers list, registry of everything). */
  regionWide: ['region_admin', 'region_staff', 'analyst'],
  /** The basic network pages: region, analysts and the territories (providers see theirs in their services). */
  basicNetworkPages: ['region_admin', 'region_staff', 'analyst', 'coordinator', 'municipality'],
} as const satisfies Record<string, readonly Role[]>;

export type Permit = keyof typeof PERMITS;

/** Route meta `roles` of a permit. */
export const rolesOf = (permit: Permit): Role[] => [...PERMITS[permit]];

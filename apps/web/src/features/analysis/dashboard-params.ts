import type { RoleAssignment } from '@socplan/contracts';
import { PERMITS } from '../auth/permissions.ts';

const REGION_WIDE: readonly string[] = PERMITS.regionWide;

/** The dashboard's URL query: every input of the page, so a view is a shareable link. */
export const DASHBOARD_QUERY = {
  year: '',
  asOf: '',
  indicator: 'perThousand',
  type: '',
  method: 'quantile',
  orp: '',
  muni: '',
};

/** A year from the URL, or `fallback` when it is missing or not a plausible year. */
export function parseYear(text: string, fallback: number): number {
  const year = Number(text);
  return /^\d{4}$/.test(text) && year >= 2000 && year <= 2100 ? year : fallback;
}

/** A calendar day from the URL ('' = today, the API's default). */
export const parseDay = (text: string): string =>
  /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text)) ? text : '';

/** The years offered: from five years back to three ahead (plans run ahead of today). */
export const yearChoices = (thisYear: number): number[] =>
  Array.from({ length: 9 }, (_, i) => thisYear - 5 + i);

/** "typeCode:unit" (the type selector's value) and back. */
export const typeKey = (typeCode: string, unit: string) => `${typeCode}:${unit}`;
export function parseTypeKey(key: string): { typeCode: string; unit: string } | null {
  const [typeCode, unit] = key.split(':');
  return typeCode && unit ? { typeCode, unit } : null;
}

/**
 * The territory a user's dashboard is pinned to: a coordinator's own (when no role of the user
 * sees the whole region); null = the region, drillable anywhere.
 */
export function pinnedTerritory(
  roles: readonly RoleAssignment[],
): { id: string; name: string } | null {
  if (roles.some((r) => REGION_WIDE.includes(r.role))) return null;
  const own = roles.find((r) => r.role === 'coordinator' && r.territorialUnitId);
  return own?.territorialUnitId
    ? { id: own.territorialUnitId, name: own.territorialUnitName ?? '' }
    : null;
}

import type { Db } from '../../db/client.ts';
import { planningAreaMembers, territorialUnits } from '../../db/schema/index.ts';

interface TreeUnit {
  id: string;
  kind: string;
  code: string;
  parentId: string | null;
}

/**
 * The territorial hierarchy held in memory, so hot reads (the service list filtered by a
 * territory) pass plain id and code lists to SQL instead of planning recursive queries on every
 * request. It answers what `coveredUnitsSql` and `reachingUnitsSql` answer, from one snapshot;
 * callers take it from `app.territoryTree()`, which reloads it after any territory change.
 */
export class TerritoryTree {
  private readonly units = new Map<string, TreeUnit>();
  private readonly children = new Map<string, string[]>();
  private readonly members = new Map<string, string[]>();

  constructor(
    units: TreeUnit[],
    memberships: { planningAreaId: string; municipalityId: string }[],
  ) {
    for (const unit of units) {
      this.units.set(unit.id, unit);
      if (unit.parentId) push(this.children, unit.parentId, unit.id);
    }
    for (const m of memberships) push(this.members, m.planningAreaId, m.municipalityId);
  }

  /** The units `unitIds` cover: themselves, everything below them and planning-area members. */
  covered(unitIds: readonly string[]): string[] {
    const found = new Set<string>();
    const queue = unitIds.filter((id) => this.units.has(id));
    for (const id of unitIds) queue.push(...(this.members.get(id) ?? []));
    while (queue.length > 0) {
      const id = queue.pop()!;
      if (found.has(id)) continue;
      found.add(id);
      queue.push(...(this.children.get(id) ?? []));
    }
    return [...found];
  }

  /** The covered units and every unit above them (a region-wide service reaches each ORP). */
  reaching(unitIds: readonly string[]): string[] {
    const found = new Set<string>();
    for (const id of this.covered(unitIds)) {
      for (let unit = this.units.get(id); unit && !found.has(unit.id);) {
        found.add(unit.id);
        unit = unit.parentId ? this.units.get(unit.parentId) : undefined;
      }
    }
    return [...found];
  }

  /** ČSÚ codes of the municipalities covered: facilities are placed by municipality code. */
  municipalityCodes(unitIds: readonly string[]): string[] {
    return this.covered(unitIds)
      .map((id) => this.units.get(id)!)
      .filter((unit) => unit.kind === 'municipality')
      .map((unit) => unit.code);
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export async function loadTerritoryTree(db: Db): Promise<TerritoryTree> {
  const [units, memberships] = await Promise.all([
    db
      .select({
        id: territorialUnits.id,
        kind: territorialUnits.kind,
        code: territorialUnits.code,
        parentId: territorialUnits.parentId,
      })
      .from(territorialUnits),
    db
      .select({
        planningAreaId: planningAreaMembers.planningAreaId,
        municipalityId: planningAreaMembers.municipalityId,
      })
      .from(planningAreaMembers),
  ]);
  return new TerritoryTree(units, memberships);
}

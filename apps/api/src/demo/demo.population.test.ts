import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CapacityAnalysis, PopulationByAge } from '@socplan/contracts';
import type { TestContext } from '../test/test-app.ts';
import { createDemoApp, staffGet } from './demo.test-support.ts';
import { DEMO_NATIONAL_AGE_SHARES } from './population.demo.ts';

/** The demo's population breakdown and the target on it (decision 0602). */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createDemoApp();
});
afterAll(() => ctx.close());

const get = <T>(url: string) => staffGet(ctx)<T>(url);

describe('the demo population by age group', () => {
  it('gives every municipality its population × the national share of each group', async () => {
    const orps = await get<{ items: { id: string; code: string }[] }>(
      '/api/territorial-units?kind=orp&limit=100',
    );
    const liberec = orps.items.find((o) => o.code === '5105')!;
    const breakdown = await get<PopulationByAge>(
      `/api/territorial-units/${liberec.id}/population-by-age`,
    );
    // ORP Liberec's only demo municipality is Liberec, 104,300 inhabitants.
    expect(breakdown.municipalities).toBe(1);
    const group = (code: string) => breakdown.groups.find((g) => g.ageGroup === code);
    expect(group('9')).toMatchObject({
      population: Math.round(104_300 * DEMO_NATIONAL_AGE_SHARES['9']!),
      complete: true,
    });
    expect(breakdown.groups.map((g) => g.ageGroup)).toEqual(Object.keys(DEMO_NATIONAL_AGE_SHARES));
  });

  it('compares homes for the elderly with the population aged 65+', async () => {
    const doc = await get<CapacityAnalysis>('/api/analysis/capacity');
    const homes = doc.cells.filter(
      (c) => c.typeCode === '49' && c.form === 'pob' && c.unit === 'luzka',
    );
    expect(homes.length).toBeGreaterThanOrEqual(5);
    for (const c of homes) {
      expect(c.target?.populationBase).toBe('8+9');
      expect(c.gapReason).toBeNull();
      expect(c.basePopulation).toBeGreaterThan(0);
      expect(c.basePopulation!).toBeLessThan(c.population!);
    }
    expect(homes.some((c) => c.gapUnits! > 0 && Number(c.gapMoney) > 0)).toBe(true);
    expect(homes.some((c) => c.gapUnits === 0)).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import {
  networkPrincipals,
  seedNetwork,
  type TestNetwork,
} from '../network/network.test-support.ts';
import { allPages, csv, ndjson, type Item } from './exports.test-support.ts';

let ctx: TestContext;
let net: TestNetwork;
let who: ReturnType<typeof networkPrincipals>;

beforeAll(async () => {
  ctx = await createTestApp();
  net = await seedNetwork(ctx);
  who = networkPrincipals(ctx, net);
});
afterAll(() => ctx.close());

const ids = (items: Item[]) => items.map((i) => i.id as string).sort();
const services = (keys: (keyof TestNetwork['services'])[]) =>
  keys.map((k) => net.services[k]).sort();

describe('scope', () => {
  it('an analyst exports every service; a coordinator its territory’s only; a provider its own', async () => {
    expect(ids(await allPages(ctx, who.analyst, '/api/exports/services'))).toEqual(
      services(['liberecHome', 'lipaCare', 'helpline', 'shelter', 'jablonecField']),
    );
    expect(ids(await allPages(ctx, who.coordinatorLiberec, '/api/exports/services'))).toEqual(
      services(['liberecHome', 'helpline', 'shelter']),
    );
    expect(ids(await ndjson(ctx, who.provider1, '/api/exports/services'))).toEqual(
      services(['liberecHome', 'jablonecField']),
    );
    expect(ids(await allPages(ctx, who.provider1, '/api/exports/providers'))).toEqual([
      net.providers.p1,
    ]);
  });

  it('a coordinator’s aggregate counts its territory only', async () => {
    const all = await allPages(ctx, who.analyst, '/api/exports/capacity-by-orp');
    const mine = await allPages(ctx, who.coordinatorLiberec, '/api/exports/capacity-by-orp');
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThan(all.length);
    expect(new Set(mine.map((r) => r.orpCode))).toEqual(new Set(['5105']));
    // The shelter's 12 beds (a secret address still places it in its ORP).
    expect(mine.find((r) => r.typeCode === '57')).toMatchObject({ capacity: 12, services: 1 });
  });
});

describe('secret addresses', () => {
  const shelterFacility = (items: Item[]) =>
    (items.find((i) => i.id === net.services.shelter)!.facilities as Item[])[0]!;

  it('never reach an analyst, in any format', async () => {
    const facility = shelterFacility(await allPages(ctx, who.analyst, '/api/exports/services'));
    expect(facility).toMatchObject({ secretAddress: true, address: null, lat: null, lon: null });
    const line = (await csv(ctx, who.analyst, '/api/exports/services')).find(
      (r) => r.id === net.services.shelter,
    )!;
    expect(line.facilities).not.toContain('50.771');
    expect(line.facilities).not.toContain('41234567');
  });

  it('reach region staff', async () => {
    const facility = shelterFacility(await allPages(ctx, who.staff, '/api/exports/services'));
    expect(facility).toMatchObject({ secretAddress: true, lat: 50.771, lon: 15.061 });
  });
});

describe('asOf', () => {
  it('services as of a day before they existed are absent', async () => {
    expect(await allPages(ctx, who.analyst, '/api/exports/services?asOf=1990-01-01')).toEqual([]);
  });
});

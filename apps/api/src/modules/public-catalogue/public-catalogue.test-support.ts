import { createFacility, createService } from '../../test/fixtures.ts';
import type { TestContext } from '../../test/test-app.ts';
import { seedCodelistsIfEmpty } from '../codelists/codelists.seed.ts';
import { LIBEREC, seedNetwork, type TestNetwork } from '../network/network.test-support.ts';

/** What a secret facility must never give away: its address point, coordinates and name. */
export const SHELTER_SECRETS = ['41234567', '50.771', '15.061', 'utajená adresa'];

/**
 * The network tests' network (see seedNetwork: a shelter with a secret address in Liberec among
 * others) with the codelists, plus an ended service in Liberec that the public must not see.
 */
export async function seedCatalogue(
  ctx: TestContext,
): Promise<TestNetwork & { endedService: string }> {
  await seedCodelistsIfEmpty(ctx.app.db);
  const net = await seedNetwork(ctx);
  const endedService = await createService(ctx.app.db, {
    providerId: net.providers.p1,
    name: 'Noclehárna Liberec (ukončená)',
    typeCode: '63',
    forms: [{ form: 'amb', capacities: [{ unit: 'luzka', count: 10 }] }],
    states: [
      { validFrom: '2019-01-01', status: 'active' },
      { validFrom: '2021-01-01', status: 'ended' },
    ],
  });
  await createFacility(ctx.app.db, endedService, { municipalityCode: LIBEREC });
  return { ...net, endedService };
}

import { expect } from 'vitest';
import type { Job, List, RegistryChange, RegistryImport, RegistryIssue } from '@socplan/contracts';
import { icoCheckDigit } from '../../lib/ico.ts';
import type { TestContext } from '../../test/test-app.ts';
import { finishedJob } from '../territory/territory.test-support.ts';

export const SAMPLE_FILE = 'rpss-sample.json';
export const POINTS_FILE = 'rpss-sample.adresni-mista.csv';
export const OBCE_FILE = 'liberec-obce.csv';

type Headers = Record<string, string>;

/** Uploads a registry file and waits for its analysis; the import as it then is. */
export async function analyse(
  ctx: TestContext,
  headers: Headers,
  file: string | object,
  query = '',
): Promise<{ imp: RegistryImport; job: Job }> {
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/api/registry/imports${query}`,
    headers: { ...headers, 'content-type': 'application/json' },
    payload: typeof file === 'string' ? file : JSON.stringify(file),
  });
  expect(res.statusCode, res.body).toBe(202);
  const created = res.json<RegistryImport>();
  expect(res.headers.location).toBe(`/api/registry/imports/${created.id}`);
  expect(created.jobId).toBeTruthy();
  const job = await finishedJob(ctx, headers, `/api/jobs/${created.jobId}`);
  return { imp: await getImport(ctx, headers, created.id), job };
}

export async function getImport(ctx: TestContext, headers: Headers, id: string) {
  const res = await ctx.app.inject({ url: `/api/registry/imports/${id}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<RegistryImport>();
}

export async function apply(ctx: TestContext, headers: Headers, imp: RegistryImport) {
  return ctx.app.inject({
    method: 'POST',
    url: `/api/registry/imports/${imp.id}/apply`,
    headers: { ...headers, 'if-match': `"${imp.version}"` },
  });
}

export async function changes(
  ctx: TestContext,
  headers: Headers,
  id: string,
  query = '',
): Promise<RegistryChange[]> {
  const res = await ctx.app.inject({
    url: `/api/registry/imports/${id}/changes?limit=500${query}`,
    headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<List<RegistryChange>>().items;
}

export async function issues(ctx: TestContext, headers: Headers, id: string) {
  const res = await ctx.app.inject({
    url: `/api/registry/imports/${id}/issues?limit=500`,
    headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<List<RegistryIssue>>().items;
}

/** A valid IČO (mod-11) from seven digits. */
export const ico = (seven: string): string => seven + String(icoCheckDigit(seven));

/**
 * One registration in the raw registry format (RPSS-FORMAT.md §2–§5), in Liberec by default,
 * with a statutory body and a facility head (personal data the import must drop).
 */
export function registryItem(n: number, overrides: Record<string, unknown> = {}) {
  return {
    portalId: 50_000 + n,
    id: `SocialniSluzba/${n}`,
    identifikator: String(7_000_000 + n),
    datumPoskytovaniOd: '2015-01-01',
    datumPoskytovaniDo: null,
    kontaktniAdresy: [],
    druhSocialniSluzby: { id: 'DruhSocialniSluzby/13' },
    zarizeni: [
      {
        id: null,
        portalId: null,
        identifikator: null,
        nazev: `Domov ${n}`,
        adresa: {
          cisloDomovni: 100 + n,
          cisloOrientacni: '7a',
          dodatekAdresy: null,
          kodAdresnihoMista: 80_000_000 + n,
          psc: '460 01',
          typCislaDomovniho: { id: 'TypStavebnihoObjektu/1' },
          kraj: { id: 'Kraj/78' },
          okres: { id: 'Okres/3505' },
          obec: { id: 'Obec/563889' },
          castObce: { id: 'CastObce/413666' },
          mestskyObvodMestskaCast: null,
          mestskyObvodVPraze: null,
          ulice: { nazev: 'Husova' },
        },
        utajenaAdresa: false,
        poskytujeOd: '2015-01-01',
        poskytujeDo: null,
        vedouci: { jmeno: 'Vedoucí', prijmeni: 'Zařízení', titulPred: 'Mgr.', titulZa: null },
      },
    ],
    poskytovatel: {
      ico: ico(String(1_000_000 + n)),
      nazev: `Poskytovatel ${n}, z.ú.`,
      adresa: null,
      statutarniOrgany: [
        { jmeno: 'Statutár', prijmeni: 'Orgánový', titulPred: null, titulZa: null },
      ],
      emaily: [{ email: `info${n}@example.test`, poznamka: null }],
      telefony: [],
      faxy: [],
      weby: [],
    },
    emaily: [],
    telefony: [{ telefon: '  481 000 000 ', poznamka: null }],
    faxy: [],
    weby: [],
    ciloveSkupiny: [{ cilovaSkupina: { id: 'CilovaSkupinaOsoby/24' } }],
    vekoveSkupiny: [{ vekovaSkupina: { id: 'VekovaSkupinaOsoby/9' } }],
    doplnujiciInformaceVekoveSkupiny: null,
    formy: [
      {
        forma: { id: 'FormaSocialniSluzby/pob' },
        nepretrzitePoskytovani: true,
        casoveRozsahy: null,
        kapacity: [{ pocet: 40, popis: null, typ: { id: 'TypKapacitySocialniSluzby/luzka' } }],
      },
    ],
    rozsirenePusobnostiVKraji: [],
    doplnkoveUdaje: {
      realizacePoskytovani: [],
      planyFinancnihoZajisteni: [],
      personalniZajisteni: [],
    },
    ...overrides,
  };
}

export const registryFile = (items: unknown[]) => ({ polozky: items });

import { sql, type SQL } from 'drizzle-orm';
import type {
  HsdsApiInfo,
  HsdsLocation,
  HsdsOrganization,
  HsdsPage,
  HsdsPageQuery,
  HsdsService,
  HsdsServiceAtLocation,
  HsdsServiceAtLocationQuery,
  HsdsServiceQuery,
  HsdsTaxonomy,
  HsdsTaxonomyTerm,
  HsdsTaxonomyTermQuery,
  HsdsOrganizationQuery,
} from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { serviceStates, services } from '../../db/schema/index.ts';
import { fold } from '../../lib/czech-text.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { today } from '../../lib/validity.ts';
import * as catalogue from '../public-catalogue/public-catalogue.repo.ts';
import { loadCodeNames, type CodeNames } from '../public-catalogue/public-catalogue.service.ts';
import { nameUuid } from './hsds.ids.ts';
import * as repo from './hsds.repo.ts';

/**
 * The public catalogue mapped onto HSDS 3: provider → organization, service → service (its
 * territory served → service_areas), published facility → location + service_at_location (a
 * facility belongs to one service, so both carry the facility's id), codelists → taxonomies.
 * Everything comes from the public catalogue's queries, so what is not public there (inactive
 * services, secret addresses) cannot appear here either.
 */

export const HSDS_VERSION = '3.2';

type TaxonomyCodelist = 'service_type' | 'form' | 'target_group';

/** The taxonomies: the codelists a citizen filters by. Their descriptions are Czech, as the terms. */
const TAXONOMIES: { codelist: TaxonomyCodelist; name: string; description: string }[] = [
  {
    codelist: 'service_type',
    name: 'Druhy sociálních služeb',
    description:
      'Druhy sociálních služeb podle zákona č. 108/2006 Sb., o sociálních službách; kód je paragraf.',
  },
  {
    codelist: 'form',
    name: 'Formy poskytování sociálních služeb',
    description: 'Pobytová, ambulantní a terénní forma (§ 33 zákona č. 108/2006 Sb.).',
  },
  {
    codelist: 'target_group',
    name: 'Cílové skupiny',
    description: 'Cílové skupiny osob podle registru poskytovatelů sociálních služeb.',
  },
];

const taxonomyId = (codelist: string) => nameUuid('taxonomy', codelist);
const termId = (codelist: string, code: string) => nameUuid('taxonomy_term', codelist, code);

function taxonomies(): HsdsTaxonomy[] {
  return TAXONOMIES.map((t) => ({
    id: taxonomyId(t.codelist),
    name: t.name,
    description: t.description,
  }));
}

interface Term extends HsdsTaxonomyTerm {
  codelist: TaxonomyCodelist;
}

function termOf(names: CodeNames, codelist: TaxonomyCodelist, code: string): Term {
  const item = names.of(codelist, code);
  const taxonomy = TAXONOMIES.find((t) => t.codelist === codelist)!;
  return {
    codelist,
    id: termId(codelist, code),
    code,
    name: item.name,
    description:
      codelist === 'service_type'
        ? `§ ${code} zákona č. 108/2006 Sb., o sociálních službách`
        : (item.nameEn ?? item.name),
    taxonomy: taxonomy.name,
    taxonomy_id: taxonomyId(codelist),
    language: 'cs',
  };
}

function allTerms(names: CodeNames): Term[] {
  return TAXONOMIES.flatMap((t) =>
    names.list(t.codelist).map((item) => termOf(names, t.codelist, item.code)),
  );
}

const withoutCodelist = ({ codelist: _c, ...term }: Term): HsdsTaxonomyTerm => term;

// --- paging (HSDS API reference: page / per_page and the Page envelope) ---

function paging(query: { page?: number; per_page?: number }) {
  const page = query.page ?? 1;
  const perPage = query.per_page ?? 50;
  return { page, perPage, limit: perPage, offset: (page - 1) * perPage };
}

function pageOf<T>(contents: T[], total: number, page: number, perPage: number): HsdsPage<T> {
  const totalPages = Math.ceil(total / perPage);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

function pageInMemory<T>(items: T[], query: { page?: number; per_page?: number }): HsdsPage<T> {
  const { page, perPage, offset } = paging(query);
  return pageOf(items.slice(offset, offset + perPage), items.length, page, perPage);
}

// --- values HSDS constrains by format ---

/** A web address as an absolute URI (the registry often gives `www.example.cz`), else nothing. */
export function uriOf(value: string | null | undefined): string | undefined {
  const text = value?.trim();
  if (!text || /\s/.test(text)) return undefined;
  const absolute = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  return URL.canParse(absolute) ? new URL(absolute).href : undefined;
}

/** An e-mail address HSDS's `format: email` accepts (plain ASCII `local@domain.tld`), else nothing. */
export function emailOf(value: string | null | undefined): string | undefined {
  const text = value?.trim();
  return text && /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(text)
    ? text
    : undefined;
}

const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

// --- organizations ---

function organizationDto(row: repo.OrganizationRow): HsdsOrganization {
  return defined({
    id: row.id,
    name: row.name,
    description: `Poskytovatel sociálních služeb, IČO ${row.ico}`,
    email: emailOf(row.email),
    website: uriOf(row.web),
    legal_status: row.legalForm ?? undefined,
  });
}

function organizationFull(row: repo.OrganizationRow): HsdsOrganization {
  return {
    ...organizationDto(row),
    phones: row.phone
      ? [{ id: nameUuid('phone', row.id), organization_id: row.id, number: row.phone }]
      : [],
    organization_identifiers: [
      {
        id: nameUuid('organization_identifier', row.id),
        organization_id: row.id,
        identifier_type: 'IČO',
        identifier: row.ico,
      },
    ],
  };
}

export async function listOrganizations(
  db: Db,
  query: HsdsOrganizationQuery,
): Promise<HsdsPage<HsdsOrganization>> {
  const { page, perPage, limit, offset } = paging(query);
  const { rows, total } = await repo.organizations(db, today(), {
    search: query.search,
    limit,
    offset,
  });
  return pageOf(rows.map(query.full ? organizationFull : organizationDto), total, page, perPage);
}

export async function getOrganization(db: Db, id: string): Promise<HsdsOrganization> {
  const day = today();
  const {
    rows: [row],
  } = await repo.organizations(db, day, { ids: [id], limit: 1, offset: 0 });
  if (!row) throw new NotFoundError('No organization with active services has this id.');
  const { rows: own } = await catalogue.activeServices(db, day, { providerId: id });
  return {
    ...organizationFull(row),
    services: own.map((s) => ({ id: s.id, name: s.name, status: 'active' })),
  };
}

// --- locations ---

function locationDto(row: catalogue.PublishedFacilityRow): HsdsLocation {
  const address = row.address;
  const city = row.municipalityName ?? address?.municipalityName ?? null;
  const number = [address?.houseNumber, address?.orientationNumber].filter(Boolean).join('/');
  // HSDS requires a street line, city and postcode: without them the address is left out.
  const addresses =
    address?.postcode && city
      ? [
          {
            id: nameUuid('address', row.id),
            location_id: row.id,
            address_1: [address.street ?? city, number].filter(Boolean).join(' '),
            city,
            state_province: row.regionName ?? '',
            postal_code: address.postcode,
            country: 'CZ',
            address_type: 'physical',
          },
        ]
      : [];
  return defined({
    id: row.id,
    location_type: 'physical',
    organization_id: row.providerId,
    name: row.name,
    latitude: row.lat ?? undefined,
    longitude: row.lon ?? undefined,
    external_identifier: row.addressPointCode ? String(row.addressPointCode) : undefined,
    external_identifier_type: row.addressPointCode ? 'RÚIAN adresní místo' : undefined,
    addresses,
  });
}

const serviceAtLocationDto = (
  row: catalogue.PublishedFacilityRow,
  full: boolean,
): HsdsServiceAtLocation => ({
  id: row.id,
  service_id: row.serviceId,
  location_id: row.id,
  ...(full ? { location: locationDto(row) } : {}),
});

export async function listLocations(db: Db, query: HsdsPageQuery): Promise<HsdsPage<HsdsLocation>> {
  const { page, perPage, limit, offset } = paging(query);
  const { rows, total } = await catalogue.publishedFacilities(db, today(), {
    q: query.search,
    page: { limit, offset },
  });
  return pageOf(rows.map(locationDto), total, page, perPage);
}

async function publishedFacility(db: Db, id: string) {
  const {
    rows: [row],
  } = await catalogue.publishedFacilities(db, today(), { ids: [id] });
  // A secret or closed facility is as unknown as one that never existed.
  if (!row) throw new NotFoundError('No published location has this id.');
  return row;
}

export async function getLocation(db: Db, id: string): Promise<HsdsLocation> {
  return locationDto(await publishedFacility(db, id));
}

export async function getServiceAtLocation(db: Db, id: string): Promise<HsdsServiceAtLocation> {
  return serviceAtLocationDto(await publishedFacility(db, id), true);
}

// --- services ---

/** The filters HSDS offers, as the catalogue's state filter plus a condition. */
async function serviceFilter(
  db: Db,
  query: { taxonomy_term_id?: string; taxonomy_id?: string; organization_id?: string },
): Promise<catalogue.StateFilter & { where?: SQL }> {
  const filter: catalogue.StateFilter & { where?: SQL } = {
    providerId: query.organization_id,
  };
  const conditions: SQL[] = [];
  if (query.taxonomy_term_id) {
    const term = allTerms(await loadCodeNames(db, today())).find(
      (t) => t.id === query.taxonomy_term_id,
    );
    if (!term) conditions.push(sql`false`);
    else if (term.codelist === 'service_type') filter.type = term.code;
    else if (term.codelist === 'form') filter.form = term.code;
    else filter.targetGroup = term.code;
  }
  if (query.taxonomy_id) {
    const taxonomy = TAXONOMIES.find((t) => taxonomyId(t.codelist) === query.taxonomy_id);
    if (!taxonomy) conditions.push(sql`false`);
    else if (taxonomy.codelist === 'form')
      conditions.push(sql`jsonb_array_length(${serviceStates.forms}) > 0`);
    else if (taxonomy.codelist === 'target_group')
      conditions.push(sql`cardinality(${serviceStates.targetGroups}) > 0`);
  }
  if (conditions.length) filter.where = sql.join(conditions, sql` and `);
  return filter;
}

function serviceDto(row: catalogue.ServiceRow, names: CodeNames): HsdsService {
  const type = names.of('service_type', row.typeCode);
  const forms = row.forms.map((f) => names.of('form', f.form).name).join(', ');
  const groups = row.targetGroups.map((code) => names.of('target_group', code).name);
  return defined({
    id: row.id,
    organization_id: row.providerId,
    name: row.name,
    description: `${type.name} (§ ${type.code} zákona č. 108/2006 Sb.)${forms ? `; ${forms}` : ''}`,
    url: uriOf(row.web),
    email: emailOf(row.email),
    status: 'active',
    eligibility_description: groups.length ? groups.join('; ') : undefined,
    last_modified: row.updatedAt.toISOString(),
  });
}

/** Fully nested services: everything a page needs in four queries, whatever its size. */
async function fullServices(
  db: Db,
  rows: catalogue.ServiceRow[],
  names: CodeNames,
): Promise<HsdsService[]> {
  const day = today();
  const ids = rows.map((r) => r.id);
  const [facilities, units, orgs] = await Promise.all([
    catalogue.publishedFacilities(db, day, { serviceIds: ids }),
    catalogue.unitsByIds(db, [...new Set(rows.flatMap((r) => r.territoryUnitIds))]),
    repo.organizations(db, day, {
      ids: [...new Set(rows.map((r) => r.providerId))],
      limit: rows.length || 1,
      offset: 0,
    }),
  ]);
  const unitById = new Map(units.map((u) => [u.id, u]));
  const orgById = new Map(orgs.rows.map((o) => [o.id, o]));
  return rows.map((row) => {
    const terms: Term[] = [
      termOf(names, 'service_type', row.typeCode),
      ...row.forms.map((f) => termOf(names, 'form', f.form)),
      ...row.targetGroups.map((code) => termOf(names, 'target_group', code)),
    ];
    const org = orgById.get(row.providerId);
    return {
      ...serviceDto(row, names),
      ...(org ? { organization: organizationDto(org) } : {}),
      phones: row.phone
        ? [{ id: nameUuid('phone', row.id), service_id: row.id, number: row.phone }]
        : [],
      contacts: emailOf(row.email)
        ? [{ id: nameUuid('contact', row.id), service_id: row.id, email: emailOf(row.email) }]
        : [],
      languages: [
        { id: nameUuid('language', row.id, 'cs'), service_id: row.id, name: 'čeština', code: 'cs' },
      ],
      service_areas: row.territoryUnitIds.flatMap((unitId) => {
        const unit = unitById.get(unitId);
        return unit
          ? [
              {
                id: nameUuid('service_area', row.id, unit.id),
                service_id: row.id,
                name: unit.name,
                description: `${UNIT_KINDS[unit.kind] ?? unit.kind} ${unit.name} (${unit.code})`,
              },
            ]
          : [];
      }),
      service_at_locations: facilities.rows
        .filter((f) => f.serviceId === row.id)
        .map((f) => serviceAtLocationDto(f, true)),
      attributes: terms.map((term) => ({
        id: nameUuid('attribute', row.id, term.id),
        link_id: row.id,
        link_type: term.codelist,
        link_entity: 'service',
        taxonomy_term_id: term.id,
        taxonomy_term: withoutCodelist(term),
      })),
    };
  });
}

const UNIT_KINDS: Record<string, string> = {
  region: 'Kraj',
  orp: 'Správní obvod ORP',
  municipality: 'Obec',
  planning_area: 'Plánovací území',
};

export async function listServices(
  db: Db,
  query: HsdsServiceQuery,
): Promise<HsdsPage<HsdsService>> {
  const { page, perPage, limit, offset } = paging(query);
  const day = today();
  const filter = await serviceFilter(db, query);
  const modifiedAfter = query.modified_after
    ? sql`${services.updatedAt} >= ${new Date(query.modified_after).toISOString()}::timestamptz`
    : undefined;
  const [{ rows, total }, names] = await Promise.all([
    catalogue.activeServices(db, day, {
      ...filter,
      q: query.search,
      where:
        filter.where && modifiedAfter
          ? sql`${filter.where} and ${modifiedAfter}`
          : (filter.where ?? modifiedAfter),
      limit,
      offset,
    }),
    loadCodeNames(db, day),
  ]);
  const contents = query.full
    ? await fullServices(db, rows, names)
    : rows.map((r) => serviceDto(r, names));
  return pageOf(contents, total, page, perPage);
}

export async function getService(db: Db, id: string): Promise<HsdsService> {
  const day = today();
  const [{ rows }, names] = await Promise.all([
    catalogue.activeServices(db, day, { ids: [id] }),
    loadCodeNames(db, day),
  ]);
  if (!rows[0]) throw new NotFoundError('No active service has this id.');
  const [service] = await fullServices(db, rows, names);
  return service!;
}

export async function listServiceAtLocations(
  db: Db,
  query: HsdsServiceAtLocationQuery,
): Promise<HsdsPage<HsdsServiceAtLocation>> {
  const { page, perPage, limit, offset } = paging(query);
  const filter = await serviceFilter(db, query);
  const { rows, total } = await catalogue.publishedFacilities(db, today(), {
    ...filter,
    q: query.search,
    postcode: query.postcode,
    page: { limit, offset },
  });
  return pageOf(
    rows.map((r) => serviceAtLocationDto(r, query.full ?? false)),
    total,
    page,
    perPage,
  );
}

// --- taxonomies ---

export function listTaxonomies(query: HsdsPageQuery): HsdsPage<HsdsTaxonomy> {
  const needle = query.search ? fold(query.search) : undefined;
  return pageInMemory(
    taxonomies().filter((t) => !needle || fold(t.name).includes(needle)),
    query,
  );
}

export function getTaxonomy(id: string): HsdsTaxonomy {
  const taxonomy = taxonomies().find((t) => t.id === id);
  if (!taxonomy) throw new NotFoundError('No taxonomy has this id.');
  return taxonomy;
}

export async function listTaxonomyTerms(
  db: Db,
  query: HsdsTaxonomyTermQuery,
): Promise<HsdsPage<HsdsTaxonomyTerm>> {
  const needle = query.search ? fold(query.search) : undefined;
  const terms = allTerms(await loadCodeNames(db, today())).filter(
    (t) =>
      (!query.taxonomy_id || t.taxonomy_id === query.taxonomy_id) &&
      (!needle || fold(t.name).includes(needle) || t.code === query.search),
  );
  return pageInMemory(terms.map(withoutCodelist), query);
}

export async function getTaxonomyTerm(db: Db, id: string): Promise<HsdsTaxonomyTerm> {
  const term = allTerms(await loadCodeNames(db, today())).find((t) => t.id === id);
  if (!term) throw new NotFoundError('No taxonomy term has this id.');
  const taxonomy = getTaxonomy(term.taxonomy_id);
  return { ...withoutCodelist(term), taxonomy_detail: taxonomy };
}

// --- the API's description of itself ---

export async function apiInfo(db: Db, baseUrl: string): Promise<HsdsApiInfo> {
  const publisher = (await repo.regionName(db)) ?? 'socplan';
  return {
    version: HSDS_VERSION,
    openapi_url: `${baseUrl}/api/openapi.json`,
    description: `Katalog sociálních služeb (${publisher}) ve formátu Open Referral HSDS ${HSDS_VERSION}: aktivní služby, jejich poskytovatelé a místa poskytování; utajené adresy se nezveřejňují.`,
    publisher: { name: publisher },
  };
}

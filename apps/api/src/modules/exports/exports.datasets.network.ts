import { sql } from 'drizzle-orm';
import {
  ExportCapacityByOrpV1Schema,
  ExportFinancingKeyV1Schema,
  ExportNetworkEntryV1Schema,
  ExportProviderV1Schema,
  ExportReferenceValueV1Schema,
  ExportServiceV1Schema,
  ExportTerritorialUnitV1Schema,
} from '@socplan/contracts';
import { validOnSql } from '../../lib/validity.ts';
import { attributionCtes } from '../analysis/capacity.attribution.ts';
import { providerScopeCondition, serviceScopeCondition } from '../network/network.scope.ts';
import { seesSecretAddresses } from '../network/services.service.ts';
import { visibleUnitsCondition } from '../territory/territory.service.ts';
import type { Dataset } from './exports.dataset.ts';

/** Columns of one table alias by name: `cols('t', 'id', 'kind')` → { id: t.id, kind: t.kind }. */
export const col = (alias: string, column: string) => sql.raw(`${alias}.${column}`);
const uuidKey = (alias: string) => [{ expr: col(alias, 'id'), cast: 'uuid' as const }];
const idText = (alias: string) => sql.raw(`${alias}.id::text`);

export const territorialUnitsDataset: Dataset = {
  name: 'territorial-units',
  title: 'Territorial units (region, ORPs, municipalities, planning areas)',
  permission: 'territory.read',
  asOf: false,
  versions: [
    {
      version: 'v1',
      schema: ExportTerritorialUnitV1Schema,
      from: () => sql`territorial_units t`,
      where: ({ principal }) => [visibleUnitsCondition(principal, col('t', 'id'))],
      columns: () => ({
        id: col('t', 'id'),
        kind: col('t', 'kind'),
        code: col('t', 'code'),
        ruianCode: col('t', 'ruian_code'),
        name: col('t', 'name'),
        parentId: col('t', 'parent_id'),
        population: col('t', 'population'),
        populationDate: col('t', 'population_date'),
        pointLat: col('t', 'point_lat'),
        pointLon: col('t', 'point_lon'),
        updatedAt: col('t', 'updated_at'),
      }),
      key: uuidKey('t'),
      id: idText('t'),
      updatedAt: col('t', 'updated_at'),
    },
  ],
};

export const providersDataset: Dataset = {
  name: 'providers',
  title: 'Providers of social services',
  permission: 'network.read',
  asOf: false,
  versions: [
    {
      version: 'v1',
      schema: ExportProviderV1Schema,
      from: () => sql`providers p`,
      where: ({ principal }) => [providerScopeCondition(principal, 'network.read', col('p', 'id'))],
      columns: () => ({
        id: col('p', 'id'),
        ico: col('p', 'ico'),
        icoValid: col('p', 'ico_valid'),
        name: col('p', 'name'),
        legalForm: col('p', 'legal_form'),
        address: col('p', 'address'),
        email: col('p', 'email'),
        phone: col('p', 'phone'),
        web: col('p', 'web'),
        updatedAt: col('p', 'updated_at'),
      }),
      key: uuidKey('p'),
      id: idText('p'),
      updatedAt: col('p', 'updated_at'),
    },
  ],
};

/**
 * A service changes when its identity row, any of its states (a new state may start later) or a
 * facility does.
 */
const serviceUpdatedAt = sql`greatest(s.updated_at,
  (select max(h.created_at) from service_states h where h.service_id = s.id),
  (select max(f.updated_at) from facilities f where f.service_id = s.id))`;

export const servicesDataset: Dataset = {
  name: 'services',
  title: 'Services with their forms, capacities and facilities, as of a day',
  permission: 'network.read',
  asOf: true,
  versions: [
    {
      version: 'v1',
      schema: ExportServiceV1Schema,
      from: ({ asOf }) =>
        sql`services s join service_states st on st.service_id = s.id and ${validOnSql(
          sql`st.valid_from`,
          sql`st.valid_to`,
          asOf,
        )}`,
      where: ({ principal }) => [serviceScopeCondition(principal, 'network.read', col('s', 'id'))],
      columns: ({ principal, asOf }) => {
        // A secret address (a shelter) is shown to region staff only: no address, no point.
        const hidden = seesSecretAddresses(principal) ? sql`false` : sql`f.secret_address`;
        return {
          id: col('s', 'id'),
          providerId: col('s', 'provider_id'),
          registryIdentifier: col('s', 'registry_identifier'),
          asOf: sql`${asOf}::date`,
          validFrom: col('st', 'valid_from'),
          validTo: col('st', 'valid_to'),
          typeCode: col('st', 'type_code'),
          name: col('st', 'name'),
          status: col('st', 'status'),
          registeredFrom: col('st', 'registered_from'),
          registeredTo: col('st', 'registered_to'),
          forms: col('st', 'forms'),
          targetGroups: col('st', 'target_groups'),
          ageGroups: col('st', 'age_groups'),
          territoryUnitIds: col('st', 'territory_unit_ids'),
          fteDirect: col('st', 'fte_direct'),
          fteOther: col('st', 'fte_other'),
          email: col('st', 'email'),
          phone: col('st', 'phone'),
          web: col('st', 'web'),
          facilities: sql`(select coalesce(json_agg(json_build_object(
              'id', f.id, 'name', f.name, 'municipalityCode', f.municipality_code,
              'secretAddress', f.secret_address,
              'address', case when ${hidden} then null else f.address end,
              'lat', case when ${hidden} then null else f.lat end,
              'lon', case when ${hidden} then null else f.lon end,
              'validFrom', f.valid_from, 'validTo', f.valid_to) order by f.id), '[]'::json)
            from facilities f where f.service_id = s.id
              and ${validOnSql(sql`f.valid_from`, sql`f.valid_to`, asOf)})`,
          updatedAt: serviceUpdatedAt,
        };
      },
      key: uuidKey('s'),
      id: idText('s'),
      updatedAt: serviceUpdatedAt,
    },
  ],
};

export const networkEntriesDataset: Dataset = {
  name: 'network-entries',
  title: 'Entries of the basic network by period',
  permission: 'basicNetwork.read',
  asOf: false,
  versions: [
    {
      version: 'v1',
      schema: ExportNetworkEntryV1Schema,
      from: () => sql`network_entries e join network_periods np on np.id = e.period_id`,
      where: ({ principal }) => [
        serviceScopeCondition(principal, 'basicNetwork.read', col('e', 'service_id')),
      ],
      columns: () => ({
        id: col('e', 'id'),
        periodId: col('e', 'period_id'),
        periodName: col('np', 'name'),
        serviceId: col('e', 'service_id'),
        level: col('e', 'level'),
        status: col('e', 'status'),
        capacities: col('e', 'capacities'),
        fte: col('e', 'fte'),
        entrustment: col('e', 'entrustment'),
        decisionId: col('e', 'decision_id'),
        updatedAt: col('e', 'updated_at'),
      }),
      key: uuidKey('e'),
      id: idText('e'),
      updatedAt: col('e', 'updated_at'),
    },
  ],
};

export const referenceValuesDataset: Dataset = {
  name: 'reference-values',
  title: 'Financing: reference values per service type, form and year',
  permission: 'financing.read',
  asOf: false,
  versions: [
    {
      version: 'v1',
      schema: ExportReferenceValueV1Schema,
      from: () => sql`reference_values rv`,
      where: () => [],
      columns: () => ({
        id: col('rv', 'id'),
        year: col('rv', 'year'),
        typeCode: col('rv', 'type_code'),
        formCode: col('rv', 'form_code'),
        unitBasis: col('rv', 'unit_basis'),
        costPerUnitHaler: col('rv', 'cost_per_unit_haler'),
        ownRevenueShareBp: col('rv', 'own_revenue_share_bp'),
        updatedAt: col('rv', 'updated_at'),
      }),
      key: uuidKey('rv'),
      id: idText('rv'),
      updatedAt: col('rv', 'updated_at'),
    },
  ],
};

export const financingKeysDataset: Dataset = {
  name: 'financing-keys',
  title: 'Financing: keys splitting the compensation between state, region and municipalities',
  permission: 'financing.read',
  asOf: false,
  versions: [
    {
      version: 'v1',
      schema: ExportFinancingKeyV1Schema,
      from: () => sql`financing_keys fk`,
      where: () => [],
      columns: () => ({
        id: col('fk', 'id'),
        yearFrom: col('fk', 'year_from'),
        yearTo: col('fk', 'year_to'),
        stateShareBp: col('fk', 'state_share_bp'),
        regionShareBp: col('fk', 'region_share_bp'),
        municipalShareBp: col('fk', 'municipal_share_bp'),
        municipalSplit: col('fk', 'municipal_split'),
        updatedAt: col('fk', 'updated_at'),
      }),
      key: uuidKey('fk'),
      id: idText('fk'),
      updatedAt: col('fk', 'updated_at'),
    },
  ],
};

/**
 * Capacity on a day by ORP × service type × form × unit, attributed as the analysis attributes
 * it (decision 0602: split over facilities, else over the territory served by population; a
 * service serving only the whole region is not placed), so the export and the dashboard agree.
 */
export const capacityByOrpDataset: Dataset = {
  name: 'capacity-by-orp',
  title: 'Aggregate: capacity by ORP, service type, form and unit, as of a day',
  permission: 'analysis.read',
  asOf: true,
  versions: [
    {
      version: 'v1',
      schema: ExportCapacityByOrpV1Schema,
      from: ({ asOf }) => sql`(with ${attributionCtes(asOf)}
          select caps.service_id, caps.type_code, caps.form, caps.unit,
            caps.count * att.share as count, att.orp_id
          from caps join att on att.service_id = caps.service_id) x
        join territorial_units o on o.id = x.orp_id`,
      where: ({ principal }) => [
        serviceScopeCondition(principal, 'analysis.read', col('x', 'service_id')),
      ],
      columns: ({ asOf }) => ({
        id: sql`o.code || '/' || x.type_code || '/' || x.form || '/' || x.unit`,
        asOf: sql`${asOf}::date`,
        orpId: col('o', 'id'),
        orpCode: col('o', 'code'),
        orpName: col('o', 'name'),
        typeCode: col('x', 'type_code'),
        form: col('x', 'form'),
        unit: col('x', 'unit'),
        services: sql`count(distinct x.service_id)::int`,
        capacity: sql`round(sum(x.count), 3)`,
      }),
      key: ['o.code', 'x.type_code', 'x.form', 'x.unit'].map((c) => ({
        expr: sql.raw(c),
        cast: 'text' as const,
      })),
      id: sql`o.code || '/' || x.type_code || '/' || x.form || '/' || x.unit`,
      updatedAt: null,
      groupBy: ['o.id', 'o.code', 'o.name', 'x.type_code', 'x.form', 'x.unit'].map((c) =>
        sql.raw(c),
      ),
      jitOff: true,
    },
  ],
};

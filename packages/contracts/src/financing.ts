import Type, { type Static } from 'typebox';
import { ListOf, Nullable, PageQuery, Timestamp, Uuid } from './common.ts';
import { codeString, NETWORK_ENTRY_STATUSES } from './basic-network.ts';

/**
 * Financing of the basic network: reference values (normative cost per unit), financing keys
 * and the computation of the compensation payment (vyrovnávací platba) and its split.
 *
 * Money is exact: the API writes CZK as a decimal string with exactly two decimals
 * ("612345.00", negative only in differences); it accepts up to two decimals ("612345",
 * "612345.5"). Percentages likewise ("15.00"). Never a JSON number, so no float ever holds money.
 */

export const UNIT_BASES = ['fte', 'bed'] as const;
export type UnitBasis = (typeof UNIT_BASES)[number];

export const FUNDING_SOURCES = ['state', 'region', 'municipalities', 'unassigned'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

export const Money = Type.String({
  pattern: '^-?[0-9]+\\.[0-9]{2}$',
  description: 'CZK with two decimals, e.g. "612345.00"',
});
export const MoneyInput = Type.String({
  pattern: '^[0-9]{1,13}(\\.[0-9]{1,2})?$',
  description: 'CZK, at most two decimals, e.g. "612345.00" or "612345"',
});
export const Percent = Type.String({
  pattern: '^[0-9]{1,3}\\.[0-9]{2}$',
  description: 'Percent with two decimals, e.g. "15.00"',
});
export const PercentInput = Type.String({
  pattern: '^[0-9]{1,3}(\\.[0-9]{1,2})?$',
  description: 'Percent 0–100, at most two decimals, e.g. "33.33"',
});

const Year = Type.Integer({ minimum: 2000, maximum: 2100 });

// --- reference values ---

export const ReferenceValueSchema = Type.Object(
  {
    id: Uuid,
    year: Type.Integer(),
    typeCode: Type.String(),
    formCode: Type.String(),
    unitBasis: Type.Enum(UNIT_BASES, {
      description: 'fte: per full-time equivalent (field, outpatient); bed: per bed (residential)',
    }),
    costPerUnit: Money,
    ownRevenueShare: Percent,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Type.Integer(),
  },
  { $id: 'ReferenceValue' },
);
export type ReferenceValue = Static<typeof ReferenceValueSchema>;
export const ReferenceValueListSchema = ListOf(ReferenceValueSchema, 'ReferenceValueList');

export const ReferenceValueListQuerySchema = Type.Object(
  {
    ...PageQuery,
    sort: Type.Optional(
      Type.String({
        pattern: '^-?(year|typeCode|formCode)$',
        description: 'typeCode (default), year or formCode; - for descending',
      }),
    ),
    year: Type.Optional(Type.Integer()),
    typeCode: Type.Optional(Type.String({ maxLength: 50 })),
    formCode: Type.Optional(Type.String({ maxLength: 50 })),
  },
  { additionalProperties: false },
);
export type ReferenceValueListQuery = Static<typeof ReferenceValueListQuerySchema>;

const referenceValueWritable = {
  year: Year,
  typeCode: codeString('Service type code'),
  formCode: codeString('Form code'),
  unitBasis: Type.Enum(UNIT_BASES),
  costPerUnit: MoneyInput,
  ownRevenueShare: PercentInput,
};

export const CreateReferenceValueBodySchema = Type.Object(referenceValueWritable, {
  $id: 'CreateReferenceValueBody',
  additionalProperties: false,
});
export type CreateReferenceValueBody = Static<typeof CreateReferenceValueBodySchema>;

export const UpdateReferenceValueBodySchema = Type.Partial(
  Type.Object(referenceValueWritable, { additionalProperties: false }),
  { $id: 'UpdateReferenceValueBody', additionalProperties: false, minProperties: 1 },
);
export type UpdateReferenceValueBody = Static<typeof UpdateReferenceValueBodySchema>;

// --- financing keys ---

export const FinancingKeySchema = Type.Object(
  {
    id: Uuid,
    yearFrom: Type.Integer(),
    yearTo: Nullable(Type.Integer({ description: 'null: open-ended' })),
    stateShare: Percent,
    regionShare: Percent,
    municipalShare: Percent,
    municipalSplit: Type.Literal('population', {
      description: 'How the municipal part divides among the municipalities served',
    }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Type.Integer(),
  },
  { $id: 'FinancingKey' },
);
export type FinancingKey = Static<typeof FinancingKeySchema>;
export const FinancingKeyListSchema = ListOf(FinancingKeySchema, 'FinancingKeyList');

export const FinancingKeyListQuerySchema = Type.Object(
  {
    ...PageQuery,
    sort: Type.Optional(Type.String({ pattern: '^-?yearFrom$' })),
    year: Type.Optional(Type.Integer({ description: 'Only the key in force in this year' })),
  },
  { additionalProperties: false },
);
export type FinancingKeyListQuery = Static<typeof FinancingKeyListQuerySchema>;

const keyShares = {
  stateShare: PercentInput,
  regionShare: PercentInput,
  municipalShare: PercentInput,
};

export const CreateFinancingKeyBodySchema = Type.Object(
  {
    yearFrom: Year,
    yearTo: Type.Optional(Nullable(Year)),
    ...keyShares,
    municipalSplit: Type.Optional(Type.Literal('population')),
  },
  { $id: 'CreateFinancingKeyBody', additionalProperties: false },
);
export type CreateFinancingKeyBody = Static<typeof CreateFinancingKeyBodySchema>;

export const UpdateFinancingKeyBodySchema = Type.Object(
  {
    yearFrom: Type.Optional(Year),
    yearTo: Type.Optional(Nullable(Year)),
    stateShare: Type.Optional(PercentInput),
    regionShare: Type.Optional(PercentInput),
    municipalShare: Type.Optional(PercentInput),
    municipalSplit: Type.Optional(Type.Literal('population')),
  },
  { $id: 'UpdateFinancingKeyBody', additionalProperties: false, minProperties: 1 },
);
export type UpdateFinancingKeyBody = Static<typeof UpdateFinancingKeyBodySchema>;

// --- the computation ---

export const FINANCING_ISSUE_CODES = [
  'not-in-network',
  'entrustment-outside-year',
  'no-service-state',
  'missing-reference-value',
  'no-beds',
  'no-fte',
  'no-financing-key',
  'no-territory',
] as const;
export type FinancingIssueCode = (typeof FINANCING_ISSUE_CODES)[number];

export const FinancingIssueSchema = Type.Object({
  code: Type.Enum(FINANCING_ISSUE_CODES),
  detail: Type.String(),
  form: Type.Optional(Type.String()),
});
export type FinancingIssue = Static<typeof FinancingIssueSchema>;

export const KeySharesSchema = Type.Object({
  id: Nullable(Uuid),
  stateShare: Percent,
  regionShare: Percent,
  municipalShare: Percent,
});
export type KeyShares = Static<typeof KeySharesSchema>;

export const FormBreakdownSchema = Type.Object({
  form: Type.String(),
  unitBasis: Nullable(Type.Enum(UNIT_BASES)),
  units: Type.String({
    pattern: '^[0-9]+\\.[0-9]{2}$',
    description: 'FTE or beds priced, two decimals',
  }),
  referenceValueId: Nullable(Uuid),
  costPerUnit: Nullable(Money),
  ownRevenueShare: Nullable(Percent),
  costs: Money,
  revenues: Money,
  compensation: Money,
});
export type FormBreakdown = Static<typeof FormBreakdownSchema>;

export const SplitSchema = Type.Object({
  state: Money,
  region: Money,
  municipalities: Money,
  unassigned: Money,
});
export type Split = Static<typeof SplitSchema>;

export const MunicipalShareSchema = Type.Object({
  municipalityId: Nullable(Uuid),
  code: Nullable(Type.String()),
  name: Nullable(Type.String()),
  orpId: Nullable(Uuid),
  population: Nullable(Type.Integer()),
  amount: Money,
});
export type MunicipalShare = Static<typeof MunicipalShareSchema>;

export const EntryYearBreakdownSchema = Type.Object({
  year: Type.Integer(),
  financed: Type.Boolean({
    description: 'In the network (approved/changed) with an entrustment valid in the year',
  }),
  typeCode: Nullable(Type.String()),
  forms: Type.Array(FormBreakdownSchema),
  costs: Money,
  revenues: Money,
  compensation: Money,
  perEntrustedUnit: Type.Array(
    Type.Object({ form: Type.String(), unit: Type.String(), count: Type.Integer(), amount: Money }),
  ),
  key: Nullable(KeySharesSchema),
  split: SplitSchema,
  municipalities: Type.Array(MunicipalShareSchema),
  issues: Type.Array(FinancingIssueSchema),
});
export type EntryYearBreakdown = Static<typeof EntryYearBreakdownSchema>;

export const EntryFinancingSchema = Type.Object(
  {
    entryId: Uuid,
    periodId: Uuid,
    serviceId: Uuid,
    serviceName: Nullable(Type.String()),
    status: Type.Enum(NETWORK_ENTRY_STATUSES),
    years: Type.Array(EntryYearBreakdownSchema),
  },
  { $id: 'EntryFinancing' },
);
export type EntryFinancing = Static<typeof EntryFinancingSchema>;

export const EntryFinancingQuerySchema = Type.Object(
  {
    year: Type.Optional(
      Type.Integer({ description: 'One year; all years of the period if omitted' }),
    ),
  },
  { additionalProperties: false },
);
export type EntryFinancingQuery = Static<typeof EntryFinancingQuerySchema>;

export const EntryIdParamsSchema = Type.Object({ entryId: Uuid });

// --- the budget ---

const amounts = {
  costs: Money,
  revenues: Money,
  compensation: Money,
  state: Money,
  region: Money,
  municipalities: Money,
  unassigned: Money,
};
export const BudgetAmountsSchema = Type.Object(amounts);
export type BudgetAmounts = Static<typeof BudgetAmountsSchema>;

export const BudgetTypeRowSchema = Type.Object({
  typeCode: Type.String(),
  entries: Type.Integer(),
  ...amounts,
});
export const BudgetOrpRowSchema = Type.Object({
  orpId: Nullable(Uuid),
  orpCode: Nullable(Type.String()),
  orpName: Nullable(Type.String({ description: 'null: entries with no territory served' })),
  compensation: Money,
  state: Money,
  region: Money,
  municipalities: Money,
  unassigned: Money,
});
export const BudgetSourceRowSchema = Type.Object({
  source: Type.Enum(FUNDING_SOURCES),
  amount: Money,
});

export const BudgetYearSchema = Type.Object({
  year: Type.Integer(),
  key: Nullable(KeySharesSchema),
  entries: Type.Integer({ description: 'Entries financed in the year' }),
  totals: BudgetAmountsSchema,
  byServiceType: Type.Array(BudgetTypeRowSchema),
  byOrp: Type.Array(BudgetOrpRowSchema),
  bySource: Type.Array(BudgetSourceRowSchema),
  issues: Type.Array(
    Type.Object({
      entryId: Uuid,
      serviceName: Nullable(Type.String()),
      ...FinancingIssueSchema.properties,
    }),
  ),
});
export type BudgetYear = Static<typeof BudgetYearSchema>;

export const BudgetSchema = Type.Object(
  { periodId: Nullable(Uuid), years: Type.Array(BudgetYearSchema) },
  { $id: 'Budget' },
);
export type Budget = Static<typeof BudgetSchema>;

export const BudgetQuerySchema = Type.Object(
  {
    year: Type.Optional(Year),
    periodId: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);
export type BudgetQuery = Static<typeof BudgetQuerySchema>;

export const ReferenceValueOverrideSchema = Type.Object(
  {
    year: Type.Optional(Year),
    typeCode: codeString('Service type code'),
    formCode: codeString('Form code'),
    unitBasis: Type.Optional(Type.Enum(UNIT_BASES)),
    costPerUnit: Type.Optional(MoneyInput),
    ownRevenueShare: Type.Optional(PercentInput),
  },
  { additionalProperties: false },
);

export const WhatIfBodySchema = Type.Object(
  {
    year: Type.Optional(Year),
    periodId: Type.Optional(Type.String({ format: 'uuid' })),
    referenceValues: Type.Optional(
      Type.Array(ReferenceValueOverrideSchema, {
        maxItems: 500,
        description:
          'Replace (or add) reference values; without `year` an override applies to every year computed',
      }),
    ),
    key: Type.Optional(
      Type.Object(keyShares, {
        additionalProperties: false,
        description: 'Use this key instead of the saved one(s)',
      }),
    ),
  },
  { $id: 'WhatIfBody', additionalProperties: false },
);
export type WhatIfBody = Static<typeof WhatIfBodySchema>;

const diffAmounts = Type.Object(amounts);
export const BudgetYearDifferenceSchema = Type.Object({
  year: Type.Integer(),
  entries: Type.Integer(),
  totals: diffAmounts,
  byServiceType: Type.Array(BudgetTypeRowSchema),
  byOrp: Type.Array(BudgetOrpRowSchema),
  bySource: Type.Array(BudgetSourceRowSchema),
});

export const WhatIfBudgetSchema = Type.Object(
  {
    periodId: Nullable(Uuid),
    years: Type.Array(BudgetYearSchema),
    difference: Type.Object({
      years: Type.Array(BudgetYearDifferenceSchema, {
        description: 'What-if minus saved parameters, per year and row (negative: less money)',
      }),
    }),
  },
  { $id: 'WhatIfBudget' },
);
export type WhatIfBudget = Static<typeof WhatIfBudgetSchema>;

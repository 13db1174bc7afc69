import Type, { type Static } from 'typebox';

export const HealthSchema = Type.Object(
  {
    status: Type.Literal('ok'),
    database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
  },
  { $id: 'Health' },
);
export type Health = Static<typeof HealthSchema>;

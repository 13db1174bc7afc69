import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * The official HSDS JSON Schemas vendored in ./schema (see its README), loaded into Ajv as
 * published: each file has its `$id`, and their relative `$ref`s ("phone.json") resolve against
 * it. The schemas carry Frictionless Data keywords (`constraints`, `core`, `datapackage_type`,
 * …) that JSON Schema does not define: strict mode is off so Ajv ignores them, as HSDS intends.
 * HSDS's OpenAPI file declares the 2020-12 dialect, hence Ajv2020.
 */
const SCHEMA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'schema');
const BASE = 'https://raw.githubusercontent.com/openreferral/specification/refs/heads/3.2/schema/';

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json')))
  ajv.addSchema(JSON.parse(readFileSync(path.join(SCHEMA_DIR, file), 'utf8')));

export type HsdsObject =
  'service' | 'organization' | 'location' | 'service_at_location' | 'taxonomy' | 'taxonomy_term';

/** The errors of `value` against the official schema of `object` (empty when valid). */
export function hsdsErrors(object: HsdsObject, value: unknown): string[] {
  const validate = ajv.getSchema(`${BASE}${object}.json`) as ValidateFunction | undefined;
  if (!validate) throw new Error(`no official HSDS schema for ${object}`);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

import Type, { type Static } from 'typebox';
import { Compile } from 'typebox/compile';

/** The whole environment of the API, parsed once at boot. */
export const ConfigSchema = Type.Object({
  NODE_ENV: Type.Enum(['development', 'production', 'test'], { default: 'development' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ default: '0.0.0.0' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  DATA_DIR: Type.String({ default: '.data' }),
  JWT_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  ACCESS_TOKEN_TTL: Type.Integer({ minimum: 30, default: 900, description: 'seconds' }),
  REFRESH_TOKEN_TTL: Type.Integer({ minimum: 300, default: 1209600, description: 'seconds' }),
  SOCPLAN_DEMO: Type.Enum(['0', '1'], { default: '0' }),
  QUERY_COUNT_HEADER: Type.Enum(['0', '1'], {
    default: '0',
    description: 'Send X-Query-Count (SQL statements the request ran) with every answer',
  }),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    default: 'info',
  }),
  TRUST_PROXY: Type.String({
    default: '',
    description:
      'Behind a reverse proxy: "true", a hop count, or comma-separated proxy addresses/CIDRs; empty = trust none',
  }),
  CORS_ORIGINS: Type.String({ default: '', description: 'Comma-separated allowed origins' }),
  BODY_LIMIT: Type.Integer({ minimum: 1024, default: 1048576, description: 'bytes' }),
  IMPORT_BODY_LIMIT: Type.Integer({ minimum: 1024, default: 52428800, description: 'bytes' }),
  REGISTRY_BODY_LIMIT: Type.Integer({
    minimum: 1024,
    default: 209715200,
    description: 'bytes; uploads of the ministry registry file (streamed, never held whole)',
  }),
  ATTACHMENT_BODY_LIMIT: Type.Integer({
    minimum: 1024,
    default: 20971520,
    description: 'bytes; a file attached to a plan (resolutions, the plan as a document)',
  }),
  LOGIN_RATE_LIMIT: Type.Integer({ minimum: 1, default: 10, description: 'per minute per IP' }),
  WEB_DIST: Type.Optional(Type.String({ description: 'Built SPA to serve; auto-detected' })),
  TILE_URL: Type.String({
    default: '',
    description: 'Map tile URL template; empty = no base map (offline)',
  }),
  TILE_ATTRIBUTION: Type.String({ default: '', description: 'Attribution shown with the tiles' }),
  JOB_POLL_MS: Type.Integer({ minimum: 10, default: 1000 }),
  REMINDER_SENDER: Type.Enum(['log'], {
    default: 'log',
    description:
      'How campaign reminder e-mails go out: log = to the API log only (a mail sender plugs in behind the same interface)',
  }),
  READ_CACHE_ENTRIES: Type.Integer({
    minimum: 0,
    default: 500,
    description: 'Serialized reads kept per read cache (territory, network); 0 = no caching',
  }),
});
export type Config = Static<typeof ConfigSchema>;

const validator = Compile(ConfigSchema);

export class ConfigError extends Error {}

/** Fastify's `trustProxy` from TRUST_PROXY: off unless the operator says who the proxy is. */
export function trustProxyOf(
  value: string,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return (_address, hop) => hop < Number(value);
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

/** Parses `env` into a Config; throws a ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(ConfigSchema.properties)) {
    const value = env[key];
    if (value === undefined || value === '') {
      if ('default' in schema) raw[key] = schema.default;
      continue;
    }
    raw[key] =
      (schema as { type?: string }).type === 'integer' && /^-?\d+$/.test(value)
        ? Number(value)
        : value;
  }
  const errors = [
    ...new Set(
      [...validator.Errors(raw)].map(
        (e) => `  ${e.instancePath.replace(/^\//, '') || '(root)'}: ${e.message}`,
      ),
    ),
  ];
  if (errors.length) throw new ConfigError(`Invalid configuration:\n${errors.join('\n')}`);
  const config = raw as Config;
  if (config.NODE_ENV === 'production' && !config.JWT_SECRET) {
    throw new ConfigError(
      'Invalid configuration:\n  JWT_SECRET: required when NODE_ENV=production (32+ characters)',
    );
  }
  return config;
}

export * from './constants.ts';
export * from './common.ts';
export * from './health.ts';
export * from './auth.ts';
export * from './territory.ts';
export * from './jobs.ts';
export * from './audit.ts';

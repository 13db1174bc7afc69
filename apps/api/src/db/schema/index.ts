export * from './auth.ts';
export * from './network.ts';
export * from './platform.ts';
export * from './territory.ts';
export * from './plans.ts';
export * from './collection.ts';
export * from './analysis.ts';

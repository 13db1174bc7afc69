import type { UnitKind } from '@socplan/contracts';
import type { JobRunner } from '../../plugins/jobs.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { importBoundaries, parseFeatureCollection } from './import-boundaries.ts';
import { importMunicipalities } from './import-municipalities.ts';

export const BOUNDARY_IMPORT_JOB = 'territory.import-boundaries';
export const MUNICIPALITY_IMPORT_JOB = 'territory.import-municipalities';

/** Who started an import, kept on the job so its audit rows name them. */
export interface ImportActor {
  id: string;
  kind: 'user' | 'client';
  name: string;
  email: string | null;
}

export interface BoundaryImportPayload {
  by: ImportActor | null;
  kind?: UnitKind;
}
export interface MunicipalityImportPayload {
  by: ImportActor | null;
  populationDate?: string;
}

export const actorOf = (p: AuthPrincipal): ImportActor => ({
  id: p.id,
  kind: p.kind,
  name: p.name,
  email: p.email,
});

/** The actor as a principal for the audit trail (its roles do not matter any more). */
const principalOf = (actor: ImportActor | null | undefined): AuthPrincipal | null =>
  actor ? { ...actor, roles: [] } : null;

/** The handlers of the territory imports; the uploaded file is the job's input. */
export function registerTerritoryJobs(jobs: JobRunner): void {
  jobs.register(BOUNDARY_IMPORT_JOB, async (ctx) => {
    const payload = ctx.job.payload as BoundaryImportPayload;
    const input = await ctx.input();
    if (!input) throw new Error('The job has no uploaded GeoJSON.');
    return importBoundaries(
      ctx.db,
      principalOf(payload.by),
      parseFeatureCollection(input),
      payload.kind ? { kind: payload.kind } : {},
      ctx.progress,
    );
  });
  jobs.register(MUNICIPALITY_IMPORT_JOB, async (ctx) => {
    const payload = ctx.job.payload as MunicipalityImportPayload;
    const input = await ctx.input();
    if (!input) throw new Error('The job has no uploaded CSV.');
    return importMunicipalities(
      ctx.db,
      principalOf(payload.by),
      input.toString('utf8'),
      payload.populationDate ? { populationDate: payload.populationDate } : {},
      ctx.progress,
    );
  });
}

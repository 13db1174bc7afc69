import type { JobRunner } from '../../plugins/jobs.ts';
import { deleteJobInput } from '../jobs/jobs.service.ts';
import { analyseImport } from './registry.analyse.ts';
import {
  markImportFailed,
  REGISTRY_ANALYSE_JOB,
  type RegistryJobPayload,
} from './registry.service.ts';

/**
 * The analysis of an uploaded registry file, run by whichever API process claims the job: the
 * file streams back from its stored chunks. Its result is the import's summary; a file that
 * cannot be read fails the job and the import (with the reason). The upload is dropped once
 * analysed: the diff holds everything apply needs.
 */
export function registerRegistryJobs(jobs: JobRunner): void {
  jobs.register(REGISTRY_ANALYSE_JOB, async (ctx) => {
    const { importId, inputBytes } = ctx.job.payload as unknown as RegistryJobPayload;
    try {
      if (inputBytes === undefined)
        throw new Error('The upload of the file did not complete; upload it again.');
      const summary = await analyseImport(ctx.db, importId, ctx.inputStream(), {
        totalBytes: inputBytes,
        onProgress: ctx.progress,
      });
      await deleteJobInput(ctx.db, ctx.job.id);
      const { fingerprint: _fingerprint, ...result } = summary;
      return { importId, ...result };
    } catch (error) {
      // One attempt only (a file that cannot be read will not read better): the upload goes too.
      await markImportFailed(ctx.db, importId, error);
      await deleteJobInput(ctx.db, ctx.job.id);
      throw error;
    }
  });
}

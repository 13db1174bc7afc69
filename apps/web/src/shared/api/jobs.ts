import type { Job } from '@socplan/contracts';
import { api } from './index.ts';

export const jobsApi = {
  get: (id: string) => api.get<Job>(`/api/jobs/${id}`),
};

export const isFinished = (job: Pick<Job, 'status'>) =>
  job.status === 'succeeded' || job.status === 'failed';

export interface WaitForJobOptions {
  /** Called with every state read, the last one included. */
  onUpdate?: (job: Job) => void;
  intervalMs?: number;
  /** Stops polling (the page was left); the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
  read?: (id: string) => Promise<Job>;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

/**
 * Polls `GET /api/jobs/:id` until the job succeeds or fails and resolves with its last state.
 * Polls quickly at first and then every `intervalMs`; a failed read is retried, three in a row
 * give up.
 */
export async function waitForJob(id: string, options: WaitForJobOptions = {}): Promise<Job> {
  const { onUpdate, intervalMs = 1000, signal, read = jobsApi.get } = options;
  let failures = 0;
  for (let round = 0; ; round++) {
    signal?.throwIfAborted();
    try {
      const job = await read(id);
      failures = 0;
      onUpdate?.(job);
      if (isFinished(job)) return job;
    } catch (error) {
      if (++failures >= 3) throw error;
    }
    await sleep(round < 3 ? Math.min(250, intervalMs) : intervalMs, signal);
  }
}

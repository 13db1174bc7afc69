import type { Job } from '@socplan/contracts';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-error.ts';
import { jobOf as job } from '../../test-support/fake-api.ts';
import { waitForJob } from './jobs.ts';

describe('waitForJob', () => {
  it('reports progress until the job finishes and resolves with its last state', async () => {
    const states = [job('queued', 0), job('running', 0.4), job('succeeded', 1)];
    const read = vi.fn(async () => states.shift()!);
    const seen: number[] = [];

    const last = await waitForJob('j1', {
      read,
      intervalMs: 1,
      onUpdate: (j) => seen.push(j.progress),
    });

    expect(last.status).toBe('succeeded');
    expect(seen).toEqual([0, 0.4, 1]);
    expect(read).toHaveBeenCalledTimes(3);
  });

  it('rides out a failed read but gives up after three in a row', async () => {
    const flaky = vi
      .fn<(id: string) => Promise<Job>>()
      .mockRejectedValueOnce(ApiError.network('down'))
      .mockResolvedValueOnce(job('failed', 0.2));
    await expect(waitForJob('j1', { read: flaky, intervalMs: 1 })).resolves.toMatchObject({
      status: 'failed',
    });

    const down = vi.fn(async () => {
      throw ApiError.network('down');
    });
    await expect(waitForJob('j1', { read: down, intervalMs: 1 })).rejects.toMatchObject({
      status: 0,
    });
    expect(down).toHaveBeenCalledTimes(3);
  });

  it('stops when its signal aborts', async () => {
    const controller = new AbortController();
    const read = vi.fn(async () => job('running', 0.5));
    const waiting = waitForJob('j1', { read, intervalMs: 50, signal: controller.signal });
    controller.abort(new Error('left the page'));

    await expect(waiting).rejects.toThrow('left the page');
  });
});

import type { Campaign, Completeness } from '@socplan/contracts';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, jobOf, type FakeAnswer } from '../../test-support/fake-api.ts';
import { useCampaignStore } from './campaign.store.ts';

const campaign = { id: 'c1', name: 'Výkaz 2025', status: 'draft', version: 2 } as Campaign;
const completeness = {
  campaignId: 'c1',
  deadline: '2026-03-31',
  totals: {},
  byOrp: [],
  respondents: [],
} as unknown as Completeness;
const ok = (body: unknown, etag?: string): FakeAnswer => [200, body, etag ? { etag } : {}];

describe('campaign store', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => vi.unstubAllGlobals());

  it('previews a draft’s respondents, and once opened shows its completeness', async () => {
    const calls = fakeApi(({ method, url }) => {
      if (method === 'PATCH') return ok({ ...campaign, status: 'open', version: 3 }, '"3"');
      if (url.startsWith('/api/campaigns/c1/respondents'))
        return ok({ items: [{ code: '563889', name: 'Liberec' }], total: 1 });
      if (url === '/api/campaigns/c1/completeness') return ok(completeness);
      return ok(campaign, '"2"');
    });
    const store = useCampaignStore();
    await store.load('c1');
    expect(store.respondents.map((r) => r.name)).toEqual(['Liberec']);
    expect(store.completeness).toBeNull();

    expect(await store.setStatus('open')).toBe(true);
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.headers['if-match']).toBe('"2"');
    expect(patch.body).toEqual({ status: 'open' });
    expect(store.campaign?.status).toBe('open');
    expect(store.completeness?.deadline).toBe('2026-03-31');
  });

  it('follows the reminder job to its end', async () => {
    let reads = 0;
    fakeApi(({ method, url }) => {
      if (method === 'POST') return [202, jobOf('queued', 0)];
      if (url === '/api/jobs/j1')
        return ok(++reads < 2 ? jobOf('running', 0.5) : jobOf('succeeded', 1));
      if (url === '/api/campaigns/c1/completeness') return ok(completeness);
      return ok({ ...campaign, status: 'open' }, '"2"');
    });
    const store = useCampaignStore();
    await store.load('c1');
    expect(await store.sendReminders()).toBe(true);
    expect(store.reminderJob?.status).toBe('succeeded');
  });
});

import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useDashboardStore } from './dashboard.store.ts';

const calls = vi.hoisted(() => [] as string[]);
vi.mock('./analysis.api.ts', () => {
  const answer = (what: string) => (query?: unknown) => {
    calls.push(`${what} ${JSON.stringify(query ?? null)}`);
    if (what === 'plans') return Promise.reject(new Error('plans are down'));
    return Promise.resolve(what === 'municipalities' ? { features: [] } : { what, query });
  };
  return {
    analysisApi: {
      capacity: answer('capacity'),
      needs: answer('needs'),
      plans: answer('plans'),
      collection: answer('collection'),
      municipalities: answer('municipalities'),
    },
  };
});

describe('dashboard store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    calls.length = 0;
  });

  it('reads again only what a changed input affects', async () => {
    const store = useDashboardStore();
    await store.load({ year: 2026, asOf: '', orpId: '' });
    expect(calls).toEqual([
      'capacity {}',
      'needs {"year":2026}',
      'plans {"year":2026}',
      'collection 2026',
    ]);

    calls.length = 0;
    await store.load({ year: 2025, asOf: '', orpId: '' });
    expect(calls).toEqual(['needs {"year":2025}', 'plans {"year":2025}', 'collection 2025']);

    calls.length = 0;
    await store.load({ year: 2025, asOf: '', orpId: 'orp-1' });
    expect(calls).toEqual([
      'capacity {"orpId":"orp-1"}',
      'municipalities "orp-1"',
      'needs {"year":2025}',
      'plans {"year":2025,"orpId":"orp-1"}',
      'collection 2025',
    ]);
  });

  it('keeps the other analyses when one endpoint fails, and says so', async () => {
    const store = useDashboardStore();
    await store.load({ year: 2026, asOf: '2026-01-01', orpId: '' });
    expect(store.capacity).toEqual({ what: 'capacity', query: { asOf: '2026-01-01' } });
    expect(store.needs).not.toBeNull();
    expect(store.plans).toBeNull();
    expect((store.error as Error).message).toBe('plans are down');
  });

  it('forgets the data when the page is left', async () => {
    const store = useDashboardStore();
    await store.load({ year: 2026, asOf: '', orpId: '' });
    store.reset();
    expect(store.capacity).toBeNull();
    calls.length = 0;
    await store.load({ year: 2026, asOf: '', orpId: '' });
    expect(calls).toHaveLength(4);
  });
});

import type { SubmissionComment } from '@socplan/contracts';
import type { Issue } from '@socplan/form-rules';
import { describe, expect, it } from 'vitest';
import {
  countIssues,
  fromEngine,
  fromServer,
  issuesByKey,
  keyOfPointer,
  openComments,
  unreadableFields,
} from './field-issues.ts';

const issue = (over: Partial<Issue>): Issue => ({
  pointer: '/values/capacity',
  field: 'capacity',
  severity: 'error',
  kind: 'required',
  message: { cs: 'Povinné', en: 'Required' },
  ...over,
});

describe('keyOfPointer', () => {
  it('reads field and cell pointers', () => {
    expect(keyOfPointer('/values/capacity')).toBe('capacity');
    expect(keyOfPointer('/values/clients/seniors/count')).toBe('clients/seniors/count');
    expect(keyOfPointer('/values/a~1b')).toBe('a/b');
    expect(keyOfPointer('/status')).toBeNull();
  });
});

describe('issues at fields', () => {
  it('shows the engine message in the UI language and groups by value key', () => {
    const shown = fromEngine(
      [
        issue({}),
        issue({ severity: 'warning', kind: 'rule', rule: 'r1' }),
        issue({ pointer: '/values/clients/seniors/count', field: 'clients' }),
      ],
      'en',
    );
    expect(shown[0]).toEqual({
      key: 'capacity',
      field: 'capacity',
      severity: 'error',
      message: 'Required',
      rule: undefined,
      kind: 'required',
    });
    const byKey = issuesByKey(shown);
    expect(byKey.get('capacity')).toHaveLength(2);
    expect(byKey.get('clients/seniors/count')).toHaveLength(1);
    expect(countIssues(shown)).toEqual({ errors: 2, warnings: 1 });
    expect(fromEngine([issue({})], 'cs')[0]!.message).toBe('Povinné');
  });

  it('names the fields whose value cannot be read (not sent to the API)', () => {
    const shown = fromEngine(
      [issue({ kind: 'type', field: 'clients', pointer: '/values/clients/a/count' }), issue({})],
      'cs',
    );
    expect([...unreadableFields(shown)]).toEqual(['clients']);
  });

  it('maps a refused submit’s problem errors to their fields', () => {
    const shown = fromServer([{ pointer: '/values/occupied', detail: 'Too many', rule: 'occ' }]);
    expect(shown).toEqual([
      { key: 'occupied', field: 'occupied', severity: 'error', message: 'Too many', rule: 'occ' },
    ]);
  });
});

describe('openComments', () => {
  const comment = (over: Partial<SubmissionComment>): SubmissionComment => ({
    id: crypto.randomUUID(),
    field: null,
    row: null,
    body: 'x',
    authorName: 'Metodik',
    eventId: 2,
    createdAt: '2026-01-01T00:00:00Z',
    ...over,
  });

  it('keeps only the newest return’s comments, general ones apart', () => {
    const { general, byKey } = openComments([
      comment({ eventId: 1, field: 'capacity', body: 'old' }),
      comment({ field: 'capacity', body: 'new' }),
      comment({ field: 'clients', row: 'seniors' }),
      comment({ body: 'general' }),
      comment({ field: 'clients.count', row: 'seniors', body: 'cell' }),
    ]);
    expect(byKey.get('clients/seniors/count')!.map((c) => c.body)).toEqual(['cell']);
    expect(general.map((c) => c.body)).toEqual(['general']);
    expect(byKey.get('capacity')!.map((c) => c.body)).toEqual(['new']);
    expect(byKey.get('clients/seniors')).toHaveLength(1);
  });

  it('has nothing open without comments', () => {
    expect(openComments([])).toEqual({ general: [], byKey: new Map() });
  });
});

import { describe, expect, it } from 'vitest';
import cs from './locales/cs.ts';
import en from './locales/en.ts';

/** Every leaf of a message tree as `path → message`. */
function leaves(tree: object, prefix = ''): Map<string, unknown> {
  const result = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object') {
      for (const [p, v] of leaves(value, path)) result.set(p, v);
    } else result.set(path, value);
  }
  return result;
}

describe('locales', () => {
  const czech = leaves(cs);
  const english = leaves(en);

  it('Czech and English have the same keys', () => {
    expect([...english.keys()].sort()).toEqual([...czech.keys()].sort());
  });

  it('every message is a non-empty string', () => {
    for (const [path, message] of [...czech, ...english]) {
      expect(typeof message === 'string' && message.trim().length > 0, path).toBe(true);
    }
  });
});

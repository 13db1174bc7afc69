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

describe('messages used by the code', () => {
  // Literal keys in t('…') / $t('…') calls of every component and module; keys built at run
  // time (t(`status.${s}`)) are not seen here. A key with no message shows as the raw key.
  const sources = import.meta.glob(['/src/**/*.vue', '/src/**/*.ts', '!/src/**/*.test.ts'], {
    query: '?raw',
    import: 'default',
    eager: true,
  }) as Record<string, string>;
  const czech = leaves(cs);

  it('all exist in the messages', () => {
    const missing: string[] = [];
    let checked = 0;
    for (const [file, text] of Object.entries(sources)) {
      for (const [, key] of text.matchAll(/\$?\bt\(\s*'([a-zA-Z0-9_]+(?:\.[a-zA-Z0-9_]+)+)'/g)) {
        checked++;
        if (!czech.has(key!)) missing.push(`${file}: ${key}`);
      }
    }
    expect(checked).toBeGreaterThan(500); // the scan found the code's calls
    expect(missing).toEqual([]);
  });
});

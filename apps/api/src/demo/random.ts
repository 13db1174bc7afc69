import { createHash } from 'node:crypto';

/**
 * Deterministic randomness for the demo: the same seed gives the same database every time.
 * Each thing draws from its own stream, named by a label (`service:5105-40-lipova`), so adding
 * or reordering demo data changes only the rows it touches, never every value after it.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** A float in [min, max). */
  between(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

/** The seed of every demo stream; change it and the whole demo changes. */
export const DEMO_SEED = 'socplan-demo-2024';

/** FNV-1a over the UTF-16 code units: a 32-bit seed from a label. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast and good enough for demo data (not for anything secret). */
export function randomStream(label: string, seed = DEMO_SEED): Random {
  let state = hash32(`${seed}\u0000${label}`);
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    between: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[int(0, items.length - 1)]!;
    },
  };
}

/** The demo's UUID namespace (a fixed random v4 UUID). */
const DEMO_NAMESPACE = 'b6f1f0c2-7d1e-4c55-9a57-3e0d2c1f8a90';

/**
 * A name-based UUID (RFC 9562 version 5) in the demo's namespace: the same row gets the same id
 * in every demo database, so links into the demo (README, e2e journeys) stay valid.
 */
export function demoUuid(name: string): string {
  const namespace = Buffer.from(DEMO_NAMESPACE.replace(/-/g, ''), 'hex');
  const bytes = createHash('sha1').update(namespace).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

import { createHash } from 'node:crypto';

/**
 * HSDS wants a UUID on every object, also on those we keep no row for (a service's phone, its
 * language, a link to a taxonomy term, a taxonomy itself). They get name-based UUIDs (RFC 9562
 * version 5) from what they are, so they stay the same from one request and release to the next.
 */
const NAMESPACE = Buffer.from('6f1b6c1e8a7d4c1f9a3e2b5d7c9e0f12', 'hex'); // socplan HSDS ids

export function nameUuid(...parts: string[]): string {
  const hash = createHash('sha1').update(NAMESPACE).update(parts.join('\u0000')).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50; // version 5
  hash[8] = (hash[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

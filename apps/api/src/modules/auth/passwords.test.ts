import fc from 'fast-check';
import { parseOptions } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import {
  hashPassword,
  needsRehash,
  PRODUCTION_COST,
  TEST_COST,
  verifyAgainstDummy,
  verifyPassword,
} from './passwords.ts';
import { digestsEqual, sha256 } from './tokens.ts';

describe('passwords', () => {
  it('verifies the password it hashed and nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 64 }), fc.string(), async (p, q) => {
        const stored = await hashPassword(p);
        expect(await verifyPassword(stored, p)).toBe(true);
        if (q !== p) expect(await verifyPassword(stored, q)).toBe(false);
      }),
      { numRuns: 25 },
    );
  });

  it('salts: the same password hashes differently each time', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('uses argon2id, with the light test cost under NODE_ENV=test', async () => {
    const stored = await hashPassword('x');
    expect(stored).toMatch(/^\$argon2id\$/);
    expect(parseOptions(stored)).toMatchObject(TEST_COST);
    // Production keeps OWASP's argon2id baseline: 19 MiB, 2 passes.
    expect(PRODUCTION_COST).toEqual({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
  });

  it('treats a malformed stored hash as a wrong password and as due for rehashing', async () => {
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
    expect(needsRehash('not-a-hash')).toBe(true);
    expect(needsRehash(await hashPassword('x'))).toBe(false);
  });

  it('spends a verification on unknown accounts and always says no', async () => {
    expect(await verifyAgainstDummy('anything')).toBe(false);
  });
});

describe('token digests', () => {
  it('compare equal only for the same input', () => {
    expect(digestsEqual(sha256('a'), sha256('a'))).toBe(true);
    expect(digestsEqual(sha256('a'), sha256('b'))).toBe(false);
    expect(digestsEqual(sha256('a'), 'abc')).toBe(false);
    expect(digestsEqual('', '')).toBe(false);
  });
});

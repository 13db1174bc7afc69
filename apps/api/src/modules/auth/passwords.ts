import { randomBytes } from 'node:crypto';
import { hash, parseOptions, verify, type Options } from '@node-rs/argon2';

/** `Algorithm.Argon2id`; the package's const enum cannot be imported under isolatedModules. */
const ARGON2ID = 2 as Options['algorithm'];

/**
 * argon2id with OWASP's first recommended configuration (19 MiB, 2 passes, 1 lane): about
 * 50 ms per hash here, affordable at login, costly for an offline attacker. Tests run with a
 * tiny cost so that hundreds of logins stay fast; a hash records its own parameters, so a hash
 * made with either set verifies under both and `needsRehash` upgrades weaker ones at login.
 */
export const PRODUCTION_COST = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
export const TEST_COST = { memoryCost: 1_024, timeCost: 1, parallelism: 1 } as const;

function cost() {
  return process.env.NODE_ENV === 'test' ? TEST_COST : PRODUCTION_COST;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, ...cost() });
}

/** False for a wrong password and for a malformed stored hash (never throws on bad input). */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** Whether a stored hash was made with other parameters than today's (then rehash at login). */
export function needsRehash(stored: string): boolean {
  try {
    const o = parseOptions(stored);
    const want = cost();
    return (
      o.algorithm !== ARGON2ID ||
      o.memoryCost !== want.memoryCost ||
      o.timeCost !== want.timeCost ||
      o.parallelism !== want.parallelism
    );
  } catch {
    return true;
  }
}

let dummy: Promise<string> | undefined;

/**
 * Spends the time of one real verification for an unknown email, so that response times do
 * not tell which addresses have an account.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(await dummy, password);
  return false;
}

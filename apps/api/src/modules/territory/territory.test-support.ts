import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Job, Role } from '@socplan/contracts';
import type { TestContext } from '../../test/test-app.ts';
import { seedDemoTerritory, type DemoTerritory } from './territory.demo.ts';

/** The shared test data folder (`../shared/data` beside the repository), never copied in. */
export const SHARED_DATA =
  process.env.SOCPLAN_SHARED_DATA ??
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../../shared/data');

/** A shared data file's text, or undefined when the file is not there (tests then skip). */
export function sharedFile(name: string): string | undefined {
  const file = path.join(SHARED_DATA, name);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

export const missingNote = (name: string) =>
  `skipped: ${path.join(SHARED_DATA, name)} is not there (set SOCPLAN_SHARED_DATA to the shared data folder)`;

export async function seedTerritory(ctx: TestContext): Promise<DemoTerritory> {
  return ctx.app.db.transaction((tx) => seedDemoTerritory(tx));
}

let n = 0;
/** A bearer header for a principal holding `role` (bound to a unit for scoped roles). */
export function auth(
  ctx: TestContext,
  role: Role,
  territorialUnitId: string | null = null,
  providerId: string | null = null,
): { authorization: string } {
  n++;
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const token = ctx.app.signAccessToken({
    id,
    kind: 'user',
    name: `${role} ${n}`,
    email: `${role}-${n}@example.test`,
    roles: [{ role, territorialUnitId, providerId }],
  });
  return { authorization: `Bearer ${token}` };
}

/** Polls a job until it finished (createTestApp polls the queue every 20 ms). */
export async function finishedJob(
  ctx: TestContext,
  headers: Record<string, string>,
  location: string,
): Promise<Job> {
  for (let i = 0; i < 500; i++) {
    const res = await ctx.app.inject({ method: 'GET', url: location, headers });
    const job = res.json() as Job;
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`job ${location} did not finish`);
}

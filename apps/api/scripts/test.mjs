// Runs the API suite on embedded PGlite, then again on a real PostgreSQL server when one is
// reachable (TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres).
import { spawnSync } from 'node:child_process';
import net from 'node:net';

const args = process.argv.slice(2).filter((a) => a !== '--');
const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function vitest(label, env) {
  console.log(`\n=== API tests on ${label} ===`);
  const run = spawnSync('vitest', ['run', ...args], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
    shell: false,
  });
  return run.status ?? 1;
}

function reachable(connectionString) {
  const { hostname, port } = new URL(connectionString);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname || '127.0.0.1', port: Number(port || 5432) });
    socket.setTimeout(2000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });
}

const onlyPg = process.env.SOCPLAN_TEST_DB === 'postgres';
const onlyPglite = process.env.SOCPLAN_TEST_DB === 'pglite';
let status = 0;
if (!onlyPg) status ||= vitest('PGlite (embedded)', { TEST_DATABASE_URL: '' });
if (!onlyPglite) {
  if (await reachable(url)) {
    status ||= vitest(`PostgreSQL (${new URL(url).host})`, { TEST_DATABASE_URL: url });
  } else if (onlyPg || process.env.CI) {
    console.error(
      `PostgreSQL is not reachable at ${new URL(url).host}; the real-server half cannot run.`,
    );
    status ||= 1;
  } else {
    console.log(
      `\nPostgreSQL is not reachable at ${new URL(url).host}: skipped the real-server half.`,
    );
  }
}
process.exit(status);

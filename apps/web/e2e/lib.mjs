// Helpers for the journeys: waiting on conditions, accessibility checks, screenshots.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const { source: axeSource } = createRequire(import.meta.url)('axe-core');

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** Waits until `locator` matches exactly `count` elements (lists render asynchronously). */
export async function expectCount(locator, count, what, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let actual = await locator.count();
  while (actual !== count && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    actual = await locator.count();
  }
  assert(actual === count, `expected ${count} ${what}, found ${actual}`);
}

/** Waits until the page is at `pathname` with (at least) the given query parameters. */
export async function expectUrl(page, pathname, query = {}, timeout = 10_000) {
  await page.waitForURL(
    (url) =>
      url.pathname === pathname &&
      Object.entries(query).every(([key, value]) => url.searchParams.get(key) === value),
    { timeout },
  );
}

/**
 * Runs axe-core in the page and fails on serious or critical violations. The script is
 * evaluated through the DevTools protocol, so the app's Content-Security-Policy stays as it is.
 */
export async function checkAccessibility(page, label) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
    }));
  });
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of violations.filter((v) => !blocking.includes(v))) {
    console.log(`  axe (${label}): ${v.impact} ${v.id} – ${v.help}`);
  }
  assert(
    blocking.length === 0,
    `accessibility violations on ${label}:\n${blocking
      .map((v) => `  ${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.join('\n    ')}`)
      .join('\n')}`,
  );
}

export async function screenshot(page, artifacts, name) {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

// Region staff import the sample registry file through the registry page, review the diff and
// apply it, open an imported service, ask for its entry into the basic network and approve it,
// and see the budget outlook change. The services, map, basic-network, registry and financing
// pages must pass axe (no serious/critical violations).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, checkAccessibility, expectCount, expectUrl, screenshot } from './lib.mjs';

const EMAIL = 'metodik@example.org';
const PASSWORD = 'socplan-demo';
const here = dirname(fileURLToPath(import.meta.url));
const DATA = process.env.SOCPLAN_SHARED_DATA ?? resolve(here, '../../../../shared/data');
const SAMPLE = join(DATA, 'rpss-sample.json');
const POINTS = join(DATA, 'rpss-sample.adresni-mista.csv');
const SLOW = 60_000;

/** The budget's compensation payment per year, as the page shows it (exact text). */
async function budgetCompensation(page) {
  await page.goto(`${page.baseUrl}/financing`);
  const rows = page.locator('[data-testid="budget-totals"] tbody tr');
  await rows.first().waitFor({ timeout: SLOW });
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="budget-totals"]')?.getAttribute('aria-busy') ===
      'false',
    null,
    { timeout: SLOW },
  );
  const totals = {};
  for (const row of await rows.all()) {
    const year = await row.getAttribute('data-key');
    totals[year] = (await row.locator('[data-amount="compensation"]').innerText()).trim();
  }
  return totals;
}

export default async function networkJourney({ page, baseUrl, artifacts, name }) {
  if (!existsSync(SAMPLE)) {
    console.log(`  ${name}: skipped – ${SAMPLE} is missing (the shared test data are not here)`);
    return;
  }
  page.baseUrl = baseUrl;
  const sample = JSON.parse(readFileSync(SAMPLE, 'utf8'));
  const imported = sample.polozky[0];

  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('E-mail').fill(EMAIL);
  await page.getByLabel('Heslo').fill(PASSWORD);
  await page.getByRole('button', { name: 'Přihlásit se' }).click();
  await expectUrl(page, '/');
  // chart.js belongs to the financing chunk, not to the pages before it.
  const early = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((entry) => entry.name),
  );
  assert(
    !early.some((url) => /BudgetPage|chart/i.test(url)),
    'chart.js was loaded before financing',
  );

  // The budget before: the sample's services are not in the basic network yet.
  const before = await budgetCompensation(page);
  assert(Object.keys(before).length > 0, 'the budget outlook shows no year');
  await page.locator('canvas').first().waitFor();
  await checkAccessibility(page, 'financing');
  await screenshot(page, artifacts, `${name}-1-budget-before`);

  // Registry: coordinates of the sample's address points, then the file itself.
  await page.goto(`${baseUrl}/registry/imports`);
  await page.getByRole('heading', { name: 'Import registru poskytovatelů' }).waitFor();
  await checkAccessibility(page, 'registry upload');
  if (existsSync(POINTS)) {
    await page.getByLabel('Soubor CSV').setInputFiles(POINTS);
    await page.getByRole('button', { name: 'Nahrát souřadnice' }).click();
    await page.getByTestId('points-report').waitFor({ timeout: SLOW });
  }
  await page.getByLabel('Soubor rpss.json').setInputFiles(SAMPLE);
  await page.getByRole('button', { name: 'Nahrát a analyzovat' }).click();
  await page.waitForURL(/\/registry\/imports\/[0-9a-f-]{36}$/, { timeout: SLOW });
  const status = page.getByTestId('import-status');
  await page.waitForFunction(
    () =>
      /Připraveno|Chyba/.test(
        document.querySelector('[data-testid="import-status"]')?.textContent ?? '',
      ),
    null,
    { timeout: SLOW },
  );
  assert(
    (await status.innerText()).includes('Připraveno'),
    `the import did not become ready: ${await status.innerText()}`,
  );
  const diffRows = page.locator('[data-testid="diff-table"] tbody tr');
  await diffRows.first().waitFor({ timeout: SLOW });
  assert(
    (await page.getByTestId('total-changes').innerText()).match(/\d+/)?.[0] !== '0',
    'the diff is empty',
  );
  await page.getByLabel('Záznam').selectOption('service');
  await expectUrl(page, page.url().split('?')[0].replace(baseUrl, ''), { entity: 'service' });
  await expectCount(
    page.locator('[data-testid="diff-table"] tbody tr:not([data-entity="service"])'),
    0,
    'rows of other entities after filtering by service',
  );
  await checkAccessibility(page, 'registry diff');
  await screenshot(page, artifacts, `${name}-2-diff`);

  await page.getByRole('button', { name: 'Použít změny' }).click();
  await page.getByRole('button', { name: 'Ano, použít' }).click();
  await page.getByTestId('apply-result').waitFor({ timeout: SLOW });
  assert((await status.innerText()).includes('Použito'), 'the import is not applied');
  await screenshot(page, artifacts, `${name}-3-applied`);

  // The imported service, found by its registry identifier.
  await page.goto(`${baseUrl}/services?q=${imported.identifikator}`);
  const serviceLinks = page.locator('[data-testid="services-table"] tbody th a');
  await expectCount(serviceLinks, 1, `services with identifier ${imported.identifikator}`, SLOW);
  await checkAccessibility(page, 'services');
  await serviceLinks.first().click();
  await page.waitForURL(/\/services\/[0-9a-f-]{36}$/);
  await page.getByTestId('service-state').waitFor();
  await page.getByTestId('service-history').waitFor();
  await expectCount(
    page.locator('[data-testid="facilities-table"] tbody tr'),
    imported.zarizeni.length,
    'facilities of the imported service',
  );
  await checkAccessibility(page, 'service detail');
  await screenshot(page, artifacts, `${name}-4-service`);

  // Its entry into the basic network: requested → assessed → approved, entrusted for the period.
  await page.getByRole('link', { name: 'Požádat o zařazení do základní sítě' }).click();
  await expectUrl(page, '/basic-network/entries/new');
  await page.getByLabel('Úvazky').fill('3');
  await page.getByLabel('S pověřením').check();
  await page.getByLabel('Číslo pověření').fill('E2E/2026/001');
  await page.getByRole('button', { name: 'Podat žádost' }).click();
  await page.waitForURL(/\/basic-network\/entries\/[0-9a-f-]{36}$/);
  const entryStatus = page.getByTestId('entry-status');
  await entryStatus.getByText('Požadováno').waitFor();
  for (const [button, after] of [
    ['Posoudit', 'Posouzeno'],
    ['Schválit', 'Schváleno'],
  ]) {
    await page.getByRole('button', { name: button, exact: true }).click();
    await page.getByRole('button', { name: 'Potvrdit' }).click();
    await entryStatus.getByText(after).waitFor();
  }
  await expectCount(page.locator('[data-testid="entry-events"] tbody tr'), 3, 'workflow events');
  await checkAccessibility(page, 'network entry');
  await screenshot(page, artifacts, `${name}-5-approved`);

  await page.goto(`${baseUrl}/basic-network`);
  await page.locator('[data-testid="entries-table"] tbody tr').first().waitFor({ timeout: SLOW });
  await checkAccessibility(page, 'basic network');

  // The budget after: the approved, entrusted entry adds its compensation payment.
  const after = await budgetCompensation(page);
  const changed = Object.keys(after).filter((year) => after[year] !== before[year]);
  assert(
    changed.length > 0,
    `the budget outlook did not change: ${JSON.stringify(before)} → ${JSON.stringify(after)}`,
  );
  console.log(
    `  budget ${changed.map((y) => `${y}: ${before[y]} → ${after[y]}`).join('; ')}`.replace(
      /\u00a0/g,
      ' ',
    ),
  );
  await screenshot(page, artifacts, `${name}-6-budget-after`);

  // The facilities map: clustered markers of the network, with its legend.
  await page.goto(`${baseUrl}/services/map`);
  await page.getByText(/Zobrazeno zařízení: [1-9]/).waitFor({ timeout: SLOW });
  await page
    .locator('.leaflet-marker-pane :is(.facility-cluster, .facility-marker)')
    .first()
    .waitFor();
  await checkAccessibility(page, 'facilities map');
  await screenshot(page, artifacts, `${name}-7-map`);
}

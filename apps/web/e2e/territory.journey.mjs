// A region administrator signs in, looks at the 10 ORPs of the demo region on the map and in
// the table, and signs out. Login and territory pages must pass axe (no serious/critical).
import { assert, checkAccessibility, expectCount, expectUrl, screenshot } from './lib.mjs';

const EMAIL = 'kraj@example.org';
const PASSWORD = 'socplan-demo';
const ORP_COUNT = 10;

export default async function territoryJourney({ page, baseUrl, artifacts, name }) {
  // A deep link while logged out lands on the login page, which remembers where to go back.
  await page.goto(`${baseUrl}/territory`);
  await expectUrl(page, '/login', { redirect: '/territory' });
  await page.getByRole('heading', { name: 'Přihlášení' }).waitFor();
  await checkAccessibility(page, 'login');
  // Leaflet belongs to the territory page's lazy chunk, not to the login page.
  const scripts = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((entry) => entry.name),
  );
  assert(
    !scripts.some((url) => /TerritoryPage|leaflet/i.test(url)),
    `the login page loaded the map code: ${scripts.join(', ')}`,
  );
  await screenshot(page, artifacts, `${name}-1-login`);

  await page.getByLabel('E-mail').fill(EMAIL);
  await page.getByLabel('Heslo').fill(PASSWORD);
  await page.getByRole('button', { name: 'Přihlásit se' }).click();
  await expectUrl(page, '/territory');

  // The map: one feature per ORP, polygons or (without boundaries) points.
  await expectCount(page.locator('.orp-feature'), ORP_COUNT, 'ORP features on the map');
  if ((await page.locator('.orp-feature.unit-boundary').count()) > 0) {
    await page.getByText('ČÚZK, RÚIAN (CC BY 4.0)').waitFor();
  }

  // The table, filtered to ORPs; the filter is in the URL.
  await page.getByLabel('Druh').selectOption('orp');
  await expectUrl(page, '/territory', { kind: 'orp' });
  const rows = page.locator('[data-testid="units-table"] tbody tr');
  await expectCount(rows, ORP_COUNT, 'ORP rows in the table');
  await expectCount(
    page.locator('[data-testid="units-table"] tbody tr[data-kind="orp"]'),
    ORP_COUNT,
    'rows of kind orp',
  );
  await checkAccessibility(page, 'territory');
  await screenshot(page, artifacts, `${name}-2-territory`);

  // A reload keeps the session (refresh token) and the filter (URL).
  await page.reload();
  await expectCount(rows, ORP_COUNT, 'ORP rows after a reload');

  await page.getByRole('button', { name: 'Odhlásit se' }).click();
  await expectUrl(page, '/login');
  await page.getByRole('heading', { name: 'Přihlášení' }).waitFor();
  assert(
    (await page.getByRole('button', { name: 'Odhlásit se' }).count()) === 0,
    'the logout button is still shown after logging out',
  );
  await screenshot(page, artifacts, `${name}-3-logged-out`);
}

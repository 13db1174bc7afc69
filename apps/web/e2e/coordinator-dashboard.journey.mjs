// A coordinator's dashboard: the demo coordinator of ORP Liberec opens the dashboard, which is
// pinned to the ORP (no way out to the whole region): the choropleth and its table show only the
// ORP's municipalities, and an indicator the API has by ORP only shows the ORP alone — not the
// other nine. The plans and data collection parts are the ORP's. The capacity by municipality
// downloads as CSV with the ORP's municipalities only, and a municipality of the ORP opens the
// services behind its figure. Signs in once (the journeys share the API's per-minute login
// limit). Every view passes axe.
import { readFile } from 'node:fs/promises';
import { assert, checkAccessibility, expectUrl, screenshot } from './lib.mjs';

const OWN_ORP = 'Liberec';
/** The demo region's other ORPs (and their seat towns, which bear the same names). */
const OTHER_ORPS = [
  'Česká Lípa',
  'Frýdlant',
  'Jablonec nad Nisou',
  'Jilemnice',
  'Nový Bor',
  'Semily',
  'Tanvald',
  'Turnov',
  'Železný Brod',
];

/** The territory names in a table's row headers. */
const rowNames = (table) => table.locator('tbody tr th').allInnerTexts();

function assertOwnOnly(names, what) {
  assert(names.length > 0, `${what}: no rows`);
  const foreign = names.filter((n) => OTHER_ORPS.some((orp) => n.includes(orp)));
  assert(foreign.length === 0, `${what} shows other territories: ${foreign.join(', ')}`);
}

export default async function coordinatorDashboardJourney({ page, baseUrl, artifacts, name }) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('E-mail').fill('liberec@example.org');
  await page.getByLabel('Heslo').fill('socplan-demo');
  await page.getByRole('button', { name: 'Přihlásit se' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));

  await page.getByRole('link', { name: 'Přehledy' }).first().click();
  await expectUrl(page, '/analysis');
  // Pinned to the ORP from the start, with no way back to the region.
  await page.getByRole('heading', { name: `Přehledy: ${OWN_ORP}`, exact: true }).waitFor();
  assert(
    (await page.getByRole('link', { name: /Celý kraj/ }).count()) === 0,
    'a coordinator is offered the whole region',
  );

  // The choropleth by municipality: the ORP's municipalities, on the map and in its table.
  const mapTable = page.getByRole('table', { name: new RegExp(`po obcích ORP ${OWN_ORP}$`) });
  await mapTable.locator('tbody tr').first().waitFor();
  const municipalities = await rowNames(mapTable);
  assertOwnOnly(municipalities, 'the map by municipality');
  assert(municipalities.includes(OWN_ORP), `the seat town is on the map: ${municipalities}`);
  await page.locator('.choropleth-unit').first().waitFor();
  const units = await page.locator('.choropleth-unit').count();
  assert(units === municipalities.length, `map: ${units} areas, table: ${municipalities.length}`);
  await checkAccessibility(page, 'coordinator dashboard');
  await screenshot(page, artifacts, `${name}-orp`);

  // An indicator by ORP only: the own ORP alone, not the region's ten with nine blanks.
  await page.getByLabel('Ukazatel na mapě').selectOption('completeness');
  await expectUrl(page, '/analysis', { indicator: 'completeness' });
  const byOrp = page.getByRole('table', { name: /Úplnost sběru dat \(%\) po ORP$/ });
  await byOrp.locator('tbody tr').first().waitFor();
  const orps = await rowNames(byOrp);
  assert(
    orps.length === 1 && orps[0] === OWN_ORP,
    `the map by ORP shows ${orps.join(', ')}, expected ${OWN_ORP} alone`,
  );
  assert(
    (await page.locator('.choropleth-unit').count()) === 1,
    'the map by ORP draws the own ORP only',
  );

  // Plans and data collection: the ORP's.
  await page.getByText(/^Plánů platných v roce \d{4}: \d+$/).waitFor();
  const collection = page.locator('section.chart-panel', {
    has: page.getByRole('heading', { name: /^Úplnost a včasnost sběru dat podle kampaně a ORP/ }),
  });
  await collection.getByText('Zobrazit tabulku s daty').click();
  const campaigns = await rowNames(collection.getByRole('table'));
  assertOwnOnly(campaigns, 'the data collection table');
  assert(
    campaigns.every((row) => row.endsWith(`· ${OWN_ORP}`)),
    `data collection rows of another ORP: ${campaigns.join(' | ')}`,
  );
  await checkAccessibility(page, 'coordinator dashboard, indicator by ORP');
  await screenshot(page, artifacts, `${name}-collection`);

  // The capacity by municipality as CSV: the ORP's municipalities only.
  const capacity = page.locator('section.chart-panel', {
    has: page.getByRole('heading', { name: new RegExp(`^Kapacita po obcích ORP ${OWN_ORP}`) }),
  });
  await capacity.getByText('Zobrazit tabulku s daty').click();
  const byMunicipality = capacity.getByRole('table');
  await byMunicipality.locator('tbody tr').first().waitFor();
  const rows = await rowNames(byMunicipality);
  assertOwnOnly(rows, 'the capacity by municipality');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    capacity.getByRole('button', { name: /^Stáhnout CSV/ }).click(),
  ]);
  const csv = await readFile(await download.path(), 'utf8');
  const lines = csv.split('\r\n').filter(Boolean);
  assert(csv.startsWith('\ufeffÚzemí;Obyvatel;'), `CSV header: ${lines[0]}`);
  const territories = lines.slice(1).map((line) => line.split(';')[0].replace(/^"|"$/g, ''));
  assert(
    territories.length === rows.length && territories.every((t) => rows.includes(t)),
    `CSV territories ${territories.join(', ')} ≠ the table's ${rows.join(', ')}`,
  );
  assertOwnOnly(territories, 'the CSV');
  for (const orp of OTHER_ORPS)
    assert(!csv.includes(orp), `the CSV mentions another ORP's territory: ${orp}`);

  // A municipality of the ORP lists the services behind its figure.
  await byMunicipality.getByRole('link', { name: OWN_ORP, exact: true }).click();
  await page.waitForURL((url) => url.searchParams.has('muni'));
  const services = page.getByRole('table', {
    name: new RegExp(`^Služby za kapacitou – .*, ${OWN_ORP}$`),
  });
  await services.locator('tbody tr th a').first().waitFor();
  await checkAccessibility(page, 'coordinator dashboard, a municipality');
  await screenshot(page, artifacts, `${name}-municipality`);
}

// Analysis: region staff opens the dashboard (a choropleth of the ORPs with its legend and
// table), changes the year (kept in the URL), drills into ORP Liberec from the map's table
// (its municipalities on the map and in the tables), downloads the capacity table as CSV (the
// file is what Czech Excel opens — BOM, `;` — with the municipalities' rows) and opens a
// service behind a municipality's figure. Signs in once (the journeys share the API's
// per-minute login limit). Every view passes axe.
import { readFile } from 'node:fs/promises';
import { assert, checkAccessibility, expectUrl, screenshot } from './lib.mjs';

const ORP = 'Liberec';

export default async function analysisJourney({ page, baseUrl, artifacts, name }) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('E-mail').fill('metodik@example.org');
  await page.getByLabel('Heslo').fill('socplan-demo');
  await page.getByRole('button', { name: 'Přihlásit se' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));

  await page.getByRole('link', { name: 'Přehledy' }).first().click();
  await expectUrl(page, '/analysis');
  await page.getByRole('heading', { name: 'Přehledy', exact: true }).waitFor();

  // The map's table names every ORP with its value; the legend has the classes in numbers.
  const mapTable = page.getByRole('table', { name: /po ORP$/ }).first();
  await mapTable.getByRole('link', { name: ORP, exact: true }).waitFor();
  await page.locator('.choropleth-unit').first().waitFor();
  const legend = await page.locator('.map-legend').innerText();
  assert(/území/.test(legend), `the legend counts territories: ${legend}`);
  await checkAccessibility(page, 'dashboard');
  await screenshot(page, artifacts, `${name}-region`);

  // The year goes into the URL (a shareable link) and the year's charts follow it.
  const year = String(new Date().getFullYear() - 1);
  await page.getByLabel('Rok', { exact: true }).selectOption(year);
  await expectUrl(page, '/analysis', { year });
  await page.getByRole('heading', { name: new RegExp(`podle stavu ${year}$`) }).waitFor();

  // Drill-down: the ORP's municipalities.
  await mapTable.getByRole('link', { name: ORP, exact: true }).click();
  await page.waitForURL(
    (url) => url.searchParams.has('orp') && url.searchParams.get('year') === year,
  );
  await page.getByRole('heading', { name: `Přehledy: ${ORP}` }).waitFor();
  // The chart's data table opens under it.
  const panel = page.locator('section.chart-panel', {
    has: page.getByRole('heading', { name: new RegExp(`^Kapacita po obcích ORP ${ORP}`) }),
  });
  await panel.getByText('Zobrazit tabulku s daty').click();
  const byMunicipality = panel.getByRole('table');
  await byMunicipality.locator('tbody tr').first().waitFor();
  await checkAccessibility(page, 'dashboard drilled into an ORP');
  await screenshot(page, artifacts, `${name}-orp`);

  // The CSV of the municipalities' capacity: BOM, `;`, a header and a line per municipality.
  const rows = await byMunicipality.locator('tbody tr').count();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page
      .getByRole('button', { name: new RegExp(`^Stáhnout CSV Kapacita po obcích ORP ${ORP}`) })
      .click(),
  ]);
  const csv = await readFile(await download.path(), 'utf8');
  const lines = csv.split('\r\n').filter(Boolean);
  assert(csv.startsWith('\ufeffÚzemí;Obyvatel;'), `CSV header: ${lines[0]}`);
  assert(lines.length === rows + 1, `CSV has ${lines.length - 1} rows, the table ${rows}`);
  assert(rows > 0, 'the ORP has municipalities in the table');

  // A municipality's row lists the services behind its figure, each a link to its page.
  await byMunicipality.locator('tbody tr th a').first().click();
  await page.waitForURL((url) => url.searchParams.has('muni'));
  const services = page.getByRole('table', { name: /^Služby za kapacitou/ });
  const service = services.locator('tbody tr th a').first();
  await service.waitFor();
  const serviceName = await service.innerText();
  await service.click();
  await page.waitForURL((url) => /^\/services\/[0-9a-f-]{36}$/.test(url.pathname));
  await page.getByRole('heading', { name: serviceName }).first().waitFor();
}

// An anonymous visitor on a phone finds a service near a municipality: from the login page to
// the public catalogue, types the municipality, picks it, sees results ordered by distance,
// opens a service and sees its contacts (tap-to-call/mail links). Both pages pass axe and fit a
// 390 px wide screen without horizontal scrolling.
import { assert, checkAccessibility, expectUrl, screenshot } from './lib.mjs';

const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
  locale: 'cs-CZ',
};

/** A municipality of the demo data with a service nearby (nothing hard-coded). */
async function demoMunicipality(baseUrl) {
  const response = await fetch(`${baseUrl}/api/public/services?limit=100`);
  assert(response.ok, `GET /api/public/services answered ${response.status}`);
  const { items } = await response.json();
  const facility = items.map((s) => s.nearestFacility).find((f) => f?.municipalityName);
  assert(facility, 'no public service of the demo data has a published address');
  return { code: facility.municipalityCode, name: facility.municipalityName };
}

async function fitsTheScreen(page, label) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert(scrollWidth <= innerWidth, `${label} scrolls sideways: ${scrollWidth} > ${innerWidth} px`);
}

export default async function catalogueJourney({ page: desktopPage, baseUrl, artifacts, name }) {
  const municipality = await demoMunicipality(baseUrl);
  const context = await desktopPage.context().browser().newContext(PHONE);
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
  try {
    // Not logged in: the login page points to the catalogue.
    await page.goto(`${baseUrl}/login`);
    await page
      .getByRole('link', { name: /Katalog služeb/ })
      .first()
      .click();
    await expectUrl(page, '/catalogue');
    await page.getByRole('heading', { level: 1, name: 'Katalog sociálních služeb' }).waitFor();
    // The map is loaded only when asked for: the list does not wait for Leaflet.
    const scripts = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((entry) => entry.name),
    );
    assert(
      !scripts.some((url) => /leaflet|CatalogueMap/i.test(url)),
      'the catalogue list loaded the map code',
    );
    await fitsTheScreen(page, 'the catalogue');
    await checkAccessibility(page, 'catalogue');

    // Type the municipality, pick it from the suggestions.
    const place = page.getByRole('combobox', { name: 'Obec' });
    await place.tap();
    await place.pressSequentially(municipality.name.slice(0, 4), { delay: 30 });
    const option = page.getByRole('option').filter({ hasText: municipality.name }).first();
    await option.waitFor();
    await checkAccessibility(page, 'catalogue with suggestions');
    await option.tap();
    await expectUrl(page, '/catalogue', { municipality: municipality.code });
    await page.getByTestId('current-place').getByText(municipality.name).waitFor();

    // Results ordered by distance from it.
    const results = page.locator('[data-testid="catalogue-results"] > li');
    await page.getByTestId('catalogue-summary').getByText('Seřazeno podle vzdálenosti').waitFor();
    await results.first().waitFor();
    const distances = (
      await results.evaluateAll((items) => items.map((li) => li.dataset.distanceKm))
    )
      .filter((d) => d !== undefined)
      .map(Number);
    assert(distances.length > 0, 'no result shows a distance');
    assert(
      distances.every((d, i) => i === 0 || distances[i - 1] <= d),
      `results are not ordered by distance: ${distances.join(', ')}`,
    );
    await results.first().getByTestId('distance').waitFor();
    await fitsTheScreen(page, 'the results');
    await checkAccessibility(page, 'catalogue results');
    await screenshot(page, artifacts, `${name}-1-results`);

    // Open the nearest service: its contacts are links a phone acts on.
    const first = results.first().getByRole('heading', { level: 3 }).getByRole('link');
    const serviceName = (await first.innerText()).trim();
    await first.tap();
    await page.waitForURL(/\/catalogue\/services\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: serviceName }).waitFor();
    const contacts = page.getByTestId('service-contacts');
    await contacts.waitFor();
    const hrefs = await contacts.locator('a').evaluateAll((links) => links.map((a) => a.href));
    assert(
      hrefs.some((href) => /^(tel|mailto):/.test(href)),
      `the service shows no phone or e-mail link: ${hrefs.join(', ')}`,
    );
    const box = await contacts.locator('a').first().boundingBox();
    assert(box && box.height >= 44, `a contact link is too small to tap: ${box?.height} px`);
    await fitsTheScreen(page, 'the service page');
    await checkAccessibility(page, 'catalogue service');
    await screenshot(page, artifacts, `${name}-2-service`);

    // Back to the same results (the search is in the URL).
    await page.getByRole('link', { name: 'Zpět na výsledky' }).tap();
    await expectUrl(page, '/catalogue', { municipality: municipality.code });
    await results.first().waitFor();

    // The map view: Leaflet now, clustered markers, still accessible.
    await page.getByRole('link', { name: 'Mapa' }).tap();
    await expectUrl(page, '/catalogue', { view: 'map', municipality: municipality.code });
    await page.getByRole('region', { name: /Mapa služeb/ }).waitFor();
    await page.locator('.catalogue-marker, .catalogue-cluster').first().waitFor();
    await fitsTheScreen(page, 'the map view');
    await checkAccessibility(page, 'catalogue map');
    await screenshot(page, artifacts, `${name}-3-map`);
    await page.getByRole('link', { name: 'Seznam' }).tap();
    await results.first().waitFor();

    // The same page in English.
    await page.getByRole('button', { name: /English/ }).tap();
    await page.getByRole('heading', { level: 1, name: 'Social services catalogue' }).waitFor();
    await page.getByTestId('catalogue-summary').getByText('Ordered by distance').waitFor();

    assert(pageErrors.length === 0, `uncaught errors in the page:\n${pageErrors.join('\n')}`);
  } finally {
    await context.close();
  }
}

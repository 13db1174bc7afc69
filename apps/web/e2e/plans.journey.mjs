// Plans: ORP Liberec's coordinator makes an action plan for 2026 from its community plan, costs
// an activity that had no estimate with two funding sources (the gap shows, on the activity and
// in the plan's budget), opens the 2026 monitoring round and submits the activity's report;
// region staff accepts the report, sees Liberec covered on the coverage map in 2026 (and not in
// 2020, between its plans), the same count in the overview's table by year, and the new action
// plan with the coordinator's activity counts in the overview's costing. Every page passes axe
// (no serious/critical).
import { assert, checkAccessibility, expectCount, expectUrl, screenshot } from './lib.mjs';

const PASSWORD = 'socplan-demo';
const ORP = 'Liberec';
const COMMUNITY_PLAN = 'Komunitní plán sociálních služeb ORP Liberec 2024–2027';
const ACTION_PLAN = 'AP 2026 ORP Liberec';
const YEAR = '2026';
const ORP_COUNT = 10;
const COVERED = 'Platný komunitní plán ORP';
const NOT_COVERED = 'Bez platného komunitního plánu';
const REPORT_COMMENT = 'Služba rozšířena o dva úvazky od září.';
/** Money as the UI writes it: digits grouped by (non-breaking) spaces. */
const kc = (digits) => new RegExp(`${digits.replace(/ /g, '\\s')}(,00)?\\sKč`);

async function signIn(page, baseUrl, email) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Heslo').fill(PASSWORD);
  await page.getByRole('button', { name: 'Přihlásit se' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

async function signOut(page) {
  await page.getByRole('button', { name: 'Odhlásit se' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/login'));
}

/** The plan's "Odhad nákladů má X a zdroje krytí Y z Z aktivit." as numbers. */
async function costingCounts(page) {
  const sentence = page.getByText(/^Odhad nákladů má \d+ a zdroje krytí \d+ z \d+ aktivit\.$/);
  const [, withCost, withFunding, activities] = (await sentence.innerText()).match(
    /má (\d+) a zdroje krytí (\d+) z (\d+)/,
  );
  return { withCost: +withCost, withFunding: +withFunding, activities: +activities };
}

/** A year's cell of a row of the plan's budget by year (years as columns). */
async function budgetCell(page, rowName, year) {
  const table = page.getByRole('table', { name: 'Rozpočet plánu po letech' });
  const headers = await table.first().locator('thead th').allInnerTexts();
  const column = headers.findIndex((h) => h.trim() === year);
  assert(column > 0, `the plan's budget has a column ${year}`);
  return table
    .first()
    .locator('tbody tr', { has: page.getByRole('rowheader', { name: rowName, exact: true }) })
    .locator('th, td')
    .nth(column);
}

/** What the ORP's circle/area on the coverage map says when clicked. */
async function mapPopupOf(page, orp) {
  const areas = page.locator('path.coverage-orp, path.coverage-part, path.coverage-none');
  for (let i = 0; i < (await areas.count()); i++) {
    await areas.nth(i).dispatchEvent('click');
    // The popup opens on the click; the one before may still be fading out.
    const popup = page.locator('.leaflet-popup-content').last();
    await popup.waitFor();
    const text = await popup.innerText();
    if (text.startsWith(`${orp}:`)) return { text, area: areas.nth(i) };
  }
  throw new Error(`no area of ${orp} on the coverage map`);
}

export default async function plansJourney({ page, baseUrl, artifacts, name }) {
  await signIn(page, baseUrl, 'liberec@example.org');

  // The list filters by kind in the URL; the coordinator's community plan opens from it.
  await page.goto(`${baseUrl}/plans`);
  await page.getByLabel('Druh plánu').selectOption('community');
  await expectUrl(page, '/plans', { kind: 'community' });
  await checkAccessibility(page, 'plans');
  await page.getByRole('link', { name: COMMUNITY_PLAN }).click();
  await page.getByRole('heading', { name: COMMUNITY_PLAN }).waitFor();

  // An action plan for 2026 from all its measures.
  await page.getByRole('button', { name: 'Vytvořit akční plán' }).click();
  await page.getByLabel('Název akčního plánu').fill(ACTION_PLAN);
  await page.getByLabel('Od roku').fill(YEAR);
  await page.getByLabel('Do roku').fill(YEAR);
  await page.getByRole('button', { name: 'Vytvořit akční plán' }).last().click();
  await page.getByRole('heading', { name: ACTION_PLAN }).waitFor();
  await page.getByRole('button', { name: 'Rozbalit vše' }).click();
  await page.locator('li.activity').first().waitFor();
  const before = await costingCounts(page);
  const gapBefore = amountOf(await (await budgetCell(page, 'Nekrytá část', YEAR)).innerText());

  // Cost an activity without an estimate at 100 000 Kč in 2026, covered by two sources for
  // 60 000 + 25 000: 15 000 Kč stay uncovered, on the activity and in the plan's budget.
  const code = await page
    .locator('li.activity', { hasText: 'Bez odhadu nákladů' })
    .first()
    .locator('.code')
    .innerText();
  const activity = page.getByTestId(`node-${code}`);
  await activity.getByRole('button', { name: 'Podrobnosti' }).click();
  await activity.getByRole('button', { name: 'Upravit částky' }).click();
  await activity.getByLabel(`Finanční náročnost, rok ${YEAR}`).fill('100 000');
  for (const [source, amount] of [
    ['mpsv', '60 000'],
    ['municipality', '25 000'],
  ]) {
    await activity.getByLabel('Vyberte zdroj').selectOption(source);
    await activity.getByRole('button', { name: 'Přidat zdroj' }).click();
    await activity.locator('tbody tr').last().locator('input').first().fill(amount);
  }
  await activity.getByRole('button', { name: 'Uložit', exact: true }).click();
  const row = activity.locator('.row').first();
  await row.getByText(/^Nekryto 15\s000\sKč$/).waitFor();
  await expectCount(
    row.getByText('Bez odhadu nákladů'),
    0,
    '"no estimate" badges on the costed activity',
  );
  await waitFor(
    async () => amountOf(await (await budgetCell(page, 'Nekrytá část', YEAR)).innerText()),
    gapBefore + 15_000,
    `the plan's uncovered ${YEAR}`,
  );
  const after = await costingCounts(page);
  assert(
    after.activities === before.activities &&
      after.withCost === before.withCost + 1 &&
      after.withFunding === before.withFunding + 1,
    `the costed activity counts once more with cost and funding: ${JSON.stringify({ before, after })}`,
  );
  await checkAccessibility(page, 'action plan');
  await screenshot(page, artifacts, `${name}-1-action-plan`);

  // The coordinator opens the plan's 2026 round and submits the activity's report.
  await page.getByRole('link', { name: 'Monitoring' }).click();
  await page.getByLabel('Rok', { exact: true }).fill(YEAR);
  await page.getByRole('button', { name: 'Otevřít kolo' }).click();
  await page.getByRole('link', { name: YEAR, exact: true }).click();
  const report = page.getByTestId(`report-${code}`);
  await report
    .getByText(/Plánované náklady 100\s000,00\sKč, plánované zdroje 85\s000,00\sKč/)
    .waitFor();
  await report.getByLabel('Stav aktivity').selectOption('in_progress');
  await report.getByLabel('Plnění (%)').fill('40');
  await report.getByLabel('Čerpání: dotace MPSV prostřednictvím kraje').fill('30 000');
  await report.getByLabel('Komentář', { exact: true }).fill(REPORT_COMMENT);
  await report.getByRole('button', { name: 'Odevzdat zprávu' }).click();
  await report.locator('.badge', { hasText: 'Odevzdaná' }).waitFor();
  await checkAccessibility(page, 'monitoring round');
  await screenshot(page, artifacts, `${name}-2-report`);
  const round = page.url();
  await signOut(page);

  // Region staff sees the submitted report with its spend and accepts it.
  await signIn(page, baseUrl, 'metodik@example.org');
  await page.goto(round);
  await report.getByText(REPORT_COMMENT).waitFor();
  await report.getByText(/Koordinátorka ORP Liberec/).waitFor();
  await report.getByText(kc('30 000')).waitFor();
  await report.getByRole('button', { name: 'Přijmout' }).click();
  await report.locator('.badge', { hasText: 'Přijatá' }).waitFor();

  // The coverage map: Liberec has no community plan in force in 2020 (between its plans) …
  await page.goto(`${baseUrl}/plans/overview?year=2020`);
  const areas = page.locator('path.coverage-orp, path.coverage-part, path.coverage-none');
  await expectCount(areas, ORP_COUNT, 'ORPs on the coverage map');
  assert(
    (await mapPopupOf(page, ORP)).text === `${ORP}: ${NOT_COVERED}`,
    `${ORP} is not covered in 2020`,
  );
  // … and is covered in 2026 after moving the slider, in the colour the legend gives.
  const slider = page.getByLabel(/^Rok: \d+$/);
  await slider.focus();
  for (let year = 2020; year < Number(YEAR); year++) await slider.press('ArrowRight');
  await page.getByRole('heading', { name: `Komunitní plány platné v roce ${YEAR}` }).waitFor();
  await page.getByText('Pokrytí ORP jako seznam').click();
  await page
    .getByRole('listitem')
    .filter({ hasText: `${ORP}: ${COVERED}` })
    .waitFor();
  const { text, area } = await mapPopupOf(page, ORP);
  assert(text === `${ORP}: ${COVERED}`, `${ORP} is covered in ${YEAR}, the map says "${text}"`);
  const legendColour = await page
    .getByRole('list', { name: 'Legenda mapy' })
    .getByRole('listitem')
    .filter({ hasText: COVERED })
    .locator('.swatch')
    .evaluate((swatch) => getComputedStyle(swatch).backgroundColor);
  const areaColour = await area.evaluate((path) => {
    const probe = document.createElement('span');
    probe.style.color = path.getAttribute('fill');
    document.body.append(probe);
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
  });
  assert(
    areaColour === legendColour,
    `${ORP}'s area is ${areaColour}, the legend's "${COVERED}" is ${legendColour}`,
  );

  // The overview's table by year counts as many ORPs in 2026 as the map colours covered.
  const covered = await page.locator('path.coverage-orp').count();
  const byYear = page.getByRole('table', { name: 'Území s platným komunitním plánem podle let' });
  const yearRow = byYear
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: YEAR }) });
  const orpColumn = (await byYear.locator('thead th').allInnerTexts()).indexOf('ORP');
  assert(
    Number(await yearRow.locator('th, td').nth(orpColumn).innerText()) === covered,
    `the overview counts ${covered} ORPs with a plan in force in ${YEAR}, as the map colours`,
  );

  // The costing lists the coordinator's new action plan with the counts its page showed.
  const costing = page.getByRole('table', { name: 'Finanční náročnost a zdroje krytí v plánech' });
  const planRow = costing
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: ACTION_PLAN }) });
  const share = (n) => `${Math.round((n / after.activities) * 100)} %`;
  const cells = await planRow.locator('td').allInnerTexts();
  assert(
    JSON.stringify(cells) ===
      JSON.stringify([
        ORP,
        String(after.activities),
        share(after.withCost),
        share(after.withFunding),
      ]),
    `the overview's costing row of ${ACTION_PLAN}: ${JSON.stringify(cells)}`,
  );
  // Opened afresh: the popups above panned the map, and a fading popup is not the page.
  await page.goto(`${baseUrl}/plans/overview?year=${YEAR}`);
  await expectCount(page.locator('path.coverage-orp'), covered, 'covered ORPs on the map');
  await checkAccessibility(page, 'overview');
  await screenshot(page, artifacts, `${name}-3-overview`);
}

/** Polls `read` until it gives `expected` (the tree is read again after a write). */
async function waitFor(read, expected, what, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let actual = await read();
  while (actual !== expected && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    actual = await read();
  }
  assert(actual === expected, `expected ${what} ${expected}, found ${actual}`);
}

/** Whole crowns of a money text ("17 340 000,00 Kč"). */
function amountOf(text) {
  return Number(text.replace(/,\d\d/, '').replace(/\D/g, ''));
}

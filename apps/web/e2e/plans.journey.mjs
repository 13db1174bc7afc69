// Plans: region staff makes an action plan from ORP Liberec's community plan and costs an
// activity with two funding sources (the gap shows); the ORP's coordinator completes and submits
// the returned report of the demo monitoring round; region staff accepts it and sees the ORPs on
// the coverage map and the overview. Every page passes axe (no serious/critical).
import { assert, checkAccessibility, expectCount, expectUrl, screenshot } from './lib.mjs';

const PASSWORD = 'socplan-demo';
const COMMUNITY_PLAN = 'Komunitní plán sociálních služeb ORP Liberec 2024–2027';
const ACTION_PLAN = 'AP 2026 ORP Liberec';
const ORP_COUNT = 10;

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

export default async function plansJourney({ page, baseUrl, artifacts, name }) {
  await signIn(page, baseUrl, 'metodik@example.org');

  // The list filters by kind in the URL; the community plan opens from it.
  await page.goto(`${baseUrl}/plans`);
  await page.getByLabel('Druh plánu').selectOption('community');
  await expectUrl(page, '/plans', { kind: 'community' });
  await checkAccessibility(page, 'plans');
  await page.getByRole('link', { name: COMMUNITY_PLAN }).click();
  await page.getByRole('heading', { name: COMMUNITY_PLAN }).waitFor();

  // An action plan for 2026 from all its measures.
  await page.getByRole('button', { name: 'Vytvořit akční plán' }).click();
  await page.getByLabel('Název akčního plánu').fill(ACTION_PLAN);
  await page.getByLabel('Od roku').fill('2026');
  await page.getByLabel('Do roku').fill('2026');
  await page.getByRole('button', { name: 'Vytvořit akční plán' }).last().click();
  await page.getByRole('heading', { name: ACTION_PLAN }).waitFor();
  await page.getByRole('button', { name: 'Rozbalit vše' }).click();
  const activity = page.locator('li.activity').first();
  await activity.waitFor();

  // Cost 100 000 Kč in 2026, covered by two sources for 60 000 + 25 000: 15 000 Kč uncovered.
  await activity.getByRole('button', { name: 'Podrobnosti' }).click();
  await activity.getByRole('button', { name: 'Upravit částky' }).click();
  await activity.getByLabel('Finanční náročnost, rok 2026').fill('100 000');
  for (const [source, amount] of [
    ['mpsv', '60 000'],
    ['municipality', '25 000'],
  ]) {
    await activity.getByLabel('Vyberte zdroj').selectOption(source);
    await activity.getByRole('button', { name: 'Přidat zdroj' }).click();
    await activity.locator('tbody tr').last().locator('input').first().fill(amount);
  }
  await activity.getByRole('button', { name: 'Uložit', exact: true }).click();
  await activity
    .locator('.row')
    .first()
    .getByText(/Nekryto 15\s000\sKč/)
    .waitFor();
  await checkAccessibility(page, 'action plan');
  await screenshot(page, artifacts, `${name}-1-action-plan`);
  await signOut(page);

  // The coordinator completes the report the region returned and submits it.
  await signIn(page, baseUrl, 'liberec@example.org');
  await page.goto(`${baseUrl}/plans?kind=action`);
  await page
    .getByRole('link', { name: /Akční plán sociálních služeb ORP Liberec na rok 2025/ })
    .click();
  await page.getByRole('link', { name: 'Monitoring' }).click();
  await page.getByRole('link', { name: '2025' }).click();
  const returned = page.locator('article', { hasText: 'Vráceno k doplnění' }).first();
  const title = await returned.locator('h3').innerText();
  await returned.getByLabel('Komentář', { exact: true }).fill('Doplněno: stavba zahájena.');
  await returned.getByRole('button', { name: 'Odevzdat zprávu' }).click();
  const report = page.locator('article', { hasText: title.split('\n')[0].slice(0, 30) });
  await report.locator('.badge', { hasText: 'Odevzdaná' }).waitFor();
  await checkAccessibility(page, 'monitoring round');
  await screenshot(page, artifacts, `${name}-2-report`);
  const round = page.url();
  await signOut(page);

  // Region staff accepts it, then looks at the region.
  await signIn(page, baseUrl, 'metodik@example.org');
  await page.goto(round);
  const submitted = page.locator('article', { hasText: 'Doplněno: stavba zahájena.' });
  await submitted.getByRole('button', { name: 'Přijmout' }).click();
  await submitted.locator('.badge', { hasText: 'Přijatá' }).waitFor();

  await page.goto(`${baseUrl}/plans/overview?year=2025`);
  await expectCount(
    page.locator('path.coverage-orp, path.coverage-part, path.coverage-none'),
    ORP_COUNT,
    'ORPs on the coverage map',
  );
  assert(
    (await page.locator('path.coverage-orp').count()) > 0,
    'some ORP has a community plan in force in 2025',
  );
  await page.getByRole('heading', { name: 'Území bez jmenovaného koordinátora' }).waitFor();
  await checkAccessibility(page, 'overview');
  await screenshot(page, artifacts, `${name}-3-overview`);
}

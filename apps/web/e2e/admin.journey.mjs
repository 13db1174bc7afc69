// The region administrator creates a user with a territorial role, edits it, meets a
// concurrent edit (412), issues an API client secret and finds the changes in the audit.
import { assert, checkAccessibility, expectUrl, screenshot } from './lib.mjs';

const EMAIL = 'kraj@example.org';
const PASSWORD = 'socplan-demo';

export default async function adminJourney({ page, baseUrl, artifacts, name }) {
  const stamp = Date.now().toString(36);
  const userEmail = `koordinator-${stamp}@example.org`;

  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('E-mail').fill(EMAIL);
  await page.getByLabel('Heslo').fill(PASSWORD);
  await page.getByRole('button', { name: 'Přihlásit se' }).click();
  await expectUrl(page, '/');

  // Create a coordinator of the Liberec ORP; a bad email is reported at its field first.
  await page.getByRole('link', { name: 'Uživatelé' }).click();
  await page.getByRole('link', { name: 'Nový uživatel' }).click();
  await page.getByLabel('E-mail').fill('not-an-email');
  await page.getByLabel('Jméno').fill(`Koordinátorka ${stamp}`);
  await page.getByLabel('Heslo').fill('dlouhe-heslo-2024');
  await page.getByRole('button', { name: 'Přidat roli' }).click();
  await page.getByLabel('Role', { exact: true }).selectOption('coordinator');
  await page.getByLabel('Územní jednotka').selectOption({ label: 'Liberec (5105)' });
  await page.getByRole('button', { name: 'Uložit' }).click();
  await page.locator('[aria-invalid="true"]').first().waitFor();
  await checkAccessibility(page, 'user form with errors');
  await page.getByLabel('E-mail').fill(userEmail);
  await page.getByRole('button', { name: 'Uložit' }).click();
  await expectUrl(page, '/admin/users');

  // Edit it in two tabs: the second save must be refused, not overwrite the first.
  await page.getByRole('link', { name: `Koordinátorka ${stamp}` }).click();
  await page.getByRole('heading', { name: 'Úprava uživatele' }).waitFor();
  const other = await page.context().newPage();
  await other.goto(page.url());
  await other.getByLabel('Jméno').waitFor();
  await waitForValue(other.getByLabel('Jméno'), `Koordinátorka ${stamp}`);
  await waitForValue(page.getByLabel('Jméno'), `Koordinátorka ${stamp}`);

  await other.getByLabel('Jméno').fill(`Koordinátorka ${stamp} (ORP Liberec)`);
  await other.getByRole('button', { name: 'Uložit' }).click();
  await other.getByText('Uloženo.').waitFor();
  await other.close();

  await page.getByLabel('Jméno').fill(`Koordinátorka ${stamp} (přepsáno)`);
  await page.getByRole('button', { name: 'Uložit' }).click();
  await page.getByText('Záznam mezitím změnil někdo jiný', { exact: false }).waitFor();
  await screenshot(page, artifacts, `${name}-1-stale`);
  await page.getByRole('button', { name: 'Načíst znovu' }).click();
  await waitForValue(page.getByLabel('Jméno'), `Koordinátorka ${stamp} (ORP Liberec)`);

  // An API client of the town of Liberec: the secret is shown once.
  await page.getByRole('link', { name: 'API klienti' }).click();
  await page.getByRole('button', { name: 'Nový klient' }).click();
  await page.getByLabel('Název').fill(`IS Liberec ${stamp}`);
  await page.getByLabel('Role', { exact: true }).selectOption('municipality');
  await page.getByLabel('Územní jednotka').selectOption({ label: 'Liberec (563889)' });
  await page.getByRole('button', { name: 'Vytvořit klienta' }).click();
  const secret = page.getByRole('textbox', { name: 'Tajný klíč' });
  await secret.waitFor();
  assert((await secret.inputValue()).length >= 16, 'the client secret is not shown');
  await checkAccessibility(page, 'API clients with a new secret');
  await screenshot(page, artifacts, `${name}-2-secret`);
  await page.getByRole('button', { name: 'Klíč mám uložený' }).click();
  assert((await secret.count()) === 0, 'the secret is still shown');

  // The audit lists what was done.
  await page.getByRole('link', { name: 'Audit' }).click();
  await page.locator('tbody tr').first().waitFor();
  await checkAccessibility(page, 'audit');
  await screenshot(page, artifacts, `${name}-3-audit`);
}

async function waitForValue(locator, expected, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  while ((await locator.inputValue()) !== expected) {
    assert(
      Date.now() < deadline,
      `expected the value "${expected}", found "${await locator.inputValue()}"`,
    );
    await new Promise((r) => setTimeout(r, 100));
  }
}

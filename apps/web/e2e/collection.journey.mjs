// Data collection: region staff publishes a form and opens a campaign for the municipalities of
// ORP Liberec; the municipality of Liberec (obec@example.org) fills the form in, meets the
// rule "occupied <= beds" at the field as it types, fixes it and submits; region staff returns
// it with a comment on one field; the municipality sees the comment at that field, corrects the
// value and resubmits; region staff approves it and the campaign's completeness shows Liberec
// approved. Every page passes axe (no serious/critical).
//
// The form's definition is created through the API with the staff's token: building fields
// and rules in the form builder is the form builder's own concern; publishing the version, the
// campaign wizard and opening the campaign go through the UI.
import { assert, checkAccessibility, expectCount, screenshot } from './lib.mjs';

const PASSWORD = 'socplan-demo';
const STAFF = 'metodik@example.org';
const MUNICIPALITY = 'obec@example.org';
// A run's own names: a journey run against a running app (E2E_BASE_URL) may meet earlier runs'.
const RUN = Date.now().toString(36);
const FORM_NAME = `Lůžka pro seniory (e2e ${RUN})`;
const CAMPAIGN_NAME = `Lůžka pro seniory 2026 (e2e ${RUN})`;
const RULE_MESSAGE = 'Obsazených lůžek nesmí být víc než lůžek.';
const REVIEW_COMMENT = 'Počet lůžek neodpovídá registru, ověřte jej.';

const DEFINITION = {
  sections: [
    {
      code: 'beds',
      label: { cs: 'Lůžka', en: 'Beds' },
      fields: [
        {
          code: 'beds',
          type: 'integer',
          label: { cs: 'Počet lůžek', en: 'Beds' },
          unit: 'lůžek',
          required: true,
          min: 0,
        },
        {
          code: 'occupied',
          type: 'integer',
          label: { cs: 'Obsazená lůžka', en: 'Occupied beds' },
          required: true,
          min: 0,
        },
        {
          code: 'costs',
          type: 'money',
          label: { cs: 'Příspěvek obce', en: 'Municipal contribution' },
          unit: 'Kč',
          min: 0,
        },
      ],
    },
  ],
  rules: [
    {
      code: 'occupied_within_beds',
      assert: 'occupied <= beds',
      message: { cs: RULE_MESSAGE, en: 'There cannot be more occupied beds than beds.' },
    },
  ],
};

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

async function apiAs(baseUrl, email) {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  assert(login.ok, `login of ${email}: ${login.status}`);
  const { accessToken } = await login.json();
  return async (method, path, body, headers = {}) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const data = await response.json().catch(() => null);
    assert(response.ok, `${method} ${path}: ${response.status} ${JSON.stringify(data)}`);
    return Object.assign(data ?? {}, { etag: response.headers.get('etag') });
  };
}

const pragueDate = (date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Prague' }).format(date);

/** Waits until autosave says "Uloženo v hh:mm" (after the last change). */
async function waitSaved(page) {
  await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor({ timeout: 10_000 });
}

/** The field block of a form field, by its code. */
const field = (page, code) => page.locator(`.form-input[data-field="${code}"]`);

/** Opens the campaign's submission of Liberec from the region's list (filtered in the URL). */
async function openLiberecSubmission(page, baseUrl, campaignId) {
  await page.goto(`${baseUrl}/collection/submissions?campaignId=${campaignId}&q=Liberec`);
  await page.getByRole('link', { name: 'Liberec', exact: true }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Liberec' }).waitFor();
}

export default async function collectionJourney({ page, baseUrl, artifacts, name }) {
  page.on('dialog', (dialog) => void dialog.accept());
  const staffApi = await apiAs(baseUrl, STAFF);
  const form = await staffApi('POST', '/api/forms', {
    code: `e2e-luzka-${RUN}`,
    name: FORM_NAME,
    respondentKind: 'municipality',
    definition: DEFINITION,
  });

  // 1. Region staff publishes the form's first version in the builder…
  await signIn(page, baseUrl, STAFF);
  await page.goto(`${baseUrl}/collection/forms/${form.id}`);
  await page.getByRole('heading', { level: 1, name: FORM_NAME }).waitFor();
  await page.getByRole('button', { name: 'Zveřejnit verzi' }).click();
  await page.getByTestId('version-status').filter({ hasText: 'Zveřejněná' }).waitFor();

  // …and sets up a campaign for ORP Liberec's municipalities in the wizard, then opens it.
  await page.goto(`${baseUrl}/collection/campaigns/new`);
  await page.getByRole('radio', { name: FORM_NAME }).check();
  await page.getByRole('button', { name: 'Pokračovat' }).click();
  await page.getByLabel('Název kampaně').fill(CAMPAIGN_NAME);
  await page.getByRole('spinbutton', { name: 'Rok' }).fill('2026');
  await page.getByRole('button', { name: 'Pokračovat' }).click();
  await page.locator('summary').filter({ hasText: 'ORP' }).click();
  await page.getByRole('checkbox', { name: 'Liberec', exact: true }).check();
  await page.keyboard.press('Escape'); // the list closes
  await page.getByRole('button', { name: 'Pokračovat' }).click();
  const today = new Date();
  await page.getByLabel('Otevírá se').fill(pragueDate(today));
  await page
    .getByLabel('Termín odevzdání')
    .fill(pragueDate(new Date(today.getTime() + 30 * 86_400_000)));
  await page.getByRole('button', { name: 'Pokračovat' }).click();
  await page.getByRole('button', { name: 'Vytvořit koncept kampaně' }).click();
  await page.waitForURL((url) => /\/collection\/campaigns\/[0-9a-f-]{36}$/.test(url.pathname));
  const campaignId = new URL(page.url()).pathname.split('/').pop();
  await page.getByRole('button', { name: 'Otevřít kampaň' }).click();
  await page.getByRole('heading', { name: 'Úplnost sběru' }).waitFor();
  await signOut(page);

  // 2. The municipality finds the campaign among what it has to fill in.
  await signIn(page, baseUrl, MUNICIPALITY);
  await page.goto(`${baseUrl}/collection/submissions`);
  const toFill = page.locator('section.to-fill');
  await toFill.getByRole('link', { name: CAMPAIGN_NAME }).waitFor();
  assert(
    /zbývá dní: 30/.test(await toFill.locator('tr', { hasText: CAMPAIGN_NAME }).innerText()),
    'the list says how many days are left',
  );
  await checkAccessibility(page, 'submissions (municipality)');
  await toFill.getByRole('link', { name: CAMPAIGN_NAME }).click();
  await page.getByRole('heading', { level: 1, name: 'Liberec' }).waitFor();

  // It types more occupied beds than beds: the rule's message shows at once, at the field, and
  // submitting is disabled with the reason next to the button.
  await page.getByLabel('Počet lůžek').fill('40');
  await page.getByLabel('Obsazená lůžka').fill('45');
  await page.getByLabel('Příspěvek obce').fill('125 000,50');
  await field(page, 'occupied').getByText(RULE_MESSAGE).waitFor();
  assert(
    (await page.getByLabel('Obsazená lůžka').getAttribute('aria-invalid')) === 'true',
    'the field with the broken rule is marked invalid',
  );
  const submit = page.getByTestId('submit');
  assert(await submit.isDisabled(), 'submit is disabled while the form has errors');
  await page.getByText('Nejdříve opravte chyby ve formuláři.').waitFor();
  await waitSaved(page); // drafts may be invalid: the values are kept
  await checkAccessibility(page, 'submission with an error');
  await screenshot(page, artifacts, `${name}-entry-error`);

  // It fixes the value; the error goes, the draft saves, and it submits.
  await page.getByLabel('Obsazená lůžka').fill('38');
  await expectCount(field(page, 'occupied').getByText(RULE_MESSAGE), 0, 'rule messages');
  await waitSaved(page);
  await submit.click();
  await page.getByText('Výkaz byl odeslán.').waitFor();
  await page.locator('.page-head [data-status="submitted"]').waitFor();
  await signOut(page);

  // 3. Region staff reviews it: the comparison, then a comment on one field and Return.
  await signIn(page, baseUrl, STAFF);
  await openLiberecSubmission(page, baseUrl, campaignId);
  await page.getByRole('link', { name: 'Kontrola' }).click();
  await page.getByTestId('comparison').waitFor();
  await page
    .getByTestId('comparison')
    .locator('tr[data-field="beds"]')
    .getByRole('button', { name: /Připomínka/ })
    .click();
  await page.getByLabel('Text připomínky').fill(REVIEW_COMMENT);
  await page.getByRole('button', { name: 'Přidat připomínku' }).click();
  await page.getByTestId('field-comments').getByText(REVIEW_COMMENT).waitFor();
  await checkAccessibility(page, 'review');
  await screenshot(page, artifacts, `${name}-review`);
  await page.getByRole('button', { name: 'Vrátit k opravě' }).click();
  await page.getByText('Výkaz byl vrácen k opravě.').waitFor();
  await page.locator('.page-head [data-status="returned"]').waitFor();
  await signOut(page);

  // 4. The municipality sees the comment at the field, corrects it and resubmits.
  await signIn(page, baseUrl, MUNICIPALITY);
  await page.goto(`${baseUrl}/collection/submissions`);
  await page.locator('section.to-fill').getByRole('link', { name: CAMPAIGN_NAME }).click();
  await field(page, 'beds').getByText(REVIEW_COMMENT).waitFor();
  await expectCount(field(page, 'occupied').getByText(REVIEW_COMMENT), 0, 'comments at occupied');

  // Meanwhile the municipality's information system changes the contribution (through the
  // API): the page's next autosave meets 412, keeps what was typed and re-applies it over
  // the other writer's value on request.
  const submissionId = new URL(page.url()).pathname.split('/').pop();
  const municipalityApi = await apiAs(baseUrl, MUNICIPALITY);
  const stored = await municipalityApi('GET', `/api/submissions/${submissionId}`);
  await municipalityApi(
    'PATCH',
    `/api/submissions/${submissionId}`,
    { values: { costs: 99000 } },
    {
      'if-match': stored.etag,
    },
  );
  await page.getByLabel('Počet lůžek').fill('42');
  await page.locator('[data-testid="save-state"][data-state="conflict"]').waitFor();
  await page.getByRole('button', { name: 'Načíst znovu a použít mé změny' }).click();
  await waitSaved(page);
  assert((await page.getByLabel('Počet lůžek').inputValue()) === '42', 'my typing was kept');
  assert(
    (await page.getByLabel('Příspěvek obce').inputValue()) === '99000',
    "the other writer's value was kept",
  );
  await page.getByRole('button', { name: 'Odeslat opravený výkaz' }).click();
  await page.locator('.page-head [data-status="resubmitted"]').waitFor();
  await signOut(page);

  // 5. Region staff approves; the value history has the correction; completeness shows it.
  await signIn(page, baseUrl, STAFF);
  await openLiberecSubmission(page, baseUrl, campaignId);
  await page.getByRole('link', { name: 'Kontrola' }).click();
  await page.getByRole('button', { name: 'Schválit' }).click();
  await page.getByText('Výkaz byl schválen.').waitFor();
  await page.locator('.page-head [data-status="approved"]').waitFor();
  await page.getByRole('link', { name: 'Historie' }).click();
  const history = page.getByTestId('value-history');
  await history.locator('tr', { hasText: '42' }).first().waitFor();
  assert(
    (await history.locator('tr', { hasText: 'Počet lůžek' }).count()) >= 2,
    'the history has both values of the beds',
  );
  await checkAccessibility(page, 'submission history');

  await page.goto(`${baseUrl}/collection/campaigns/${campaignId}`);
  const matrix = page.getByTestId('completeness-matrix');
  await matrix
    .locator('tr', { has: page.getByRole('link', { name: 'Liberec', exact: true }) })
    .locator('[data-state="approved"]')
    .waitFor();
  await screenshot(page, artifacts, `${name}-completeness`);
}

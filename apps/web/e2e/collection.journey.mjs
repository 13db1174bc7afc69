// Data collection: region staff publishes a form and opens a campaign for the municipalities of
// ORP Liberec; the municipality of Liberec (obec@example.org) fills the form in, meets the
// rule "occupied <= beds" at the field as it types, fixes it and submits; region staff returns
// it with a comment on one field; the municipality sees the comment at that field, corrects the
// value and resubmits; region staff approves it and the campaign's completeness shows Liberec
// approved. Every page passes axe (no serious/critical). A concurrent change through the API
// meets the page's autosave (412) and the typing is re-applied over it.
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
  // Staff and the municipality each work in their own browser, signed in once (the API limits
  // logins per minute and IP, and the journeys share that budget).
  const staff = page;
  const obecContext = await page
    .context()
    .browser()
    .newContext({ viewport: { width: 1280, height: 900 } });
  const obec = await obecContext.newPage();
  const obecErrors = [];
  obec.on('pageerror', (error) => obecErrors.push(error.stack ?? error.message));
  for (const p of [staff, obec]) p.on('dialog', (dialog) => void dialog.accept());
  try {
    await journey({ staff, obec, baseUrl, artifacts, name });
    assert(!obecErrors.length, `uncaught errors in the municipality's page:\n${obecErrors}`);
  } catch (error) {
    await obec.screenshot({ path: `${artifacts}/${name}-failure-obec.png`, fullPage: true });
    throw error;
  } finally {
    await obecContext.close();
  }
}

async function journey({ staff, obec, baseUrl, artifacts, name }) {
  const staffApi = await apiAs(baseUrl, STAFF);
  const form = await staffApi('POST', '/api/forms', {
    code: `e2e-luzka-${RUN}`,
    name: FORM_NAME,
    respondentKind: 'municipality',
    definition: DEFINITION,
  });

  // 1. Region staff publishes the form's first version in the builder…
  await signIn(staff, baseUrl, STAFF);
  await staff.goto(`${baseUrl}/collection/forms/${form.id}`);
  await staff.getByRole('heading', { level: 1, name: FORM_NAME }).waitFor();
  await staff.getByRole('button', { name: 'Zveřejnit verzi' }).click();
  await staff.getByTestId('version-status').filter({ hasText: 'Zveřejněná' }).waitFor();

  // …and sets up a campaign for ORP Liberec's municipalities in the wizard, then opens it.
  await staff.goto(`${baseUrl}/collection/campaigns/new`);
  await staff.getByRole('radio', { name: FORM_NAME }).check();
  await staff.getByRole('button', { name: 'Pokračovat' }).click();
  await staff.getByLabel('Název kampaně').fill(CAMPAIGN_NAME);
  await staff.getByRole('spinbutton', { name: 'Rok' }).fill('2026');
  await staff.getByRole('button', { name: 'Pokračovat' }).click();
  await staff.locator('summary').filter({ hasText: 'ORP' }).click();
  await staff.getByRole('checkbox', { name: 'Liberec', exact: true }).check();
  await staff.keyboard.press('Escape'); // the list closes
  await staff.getByRole('button', { name: 'Pokračovat' }).click();
  const today = new Date();
  await staff.getByLabel('Otevírá se').fill(pragueDate(today));
  await staff
    .getByLabel('Termín odevzdání')
    .fill(pragueDate(new Date(today.getTime() + 30 * 86_400_000)));
  await staff.getByRole('button', { name: 'Pokračovat' }).click();
  await staff.getByRole('button', { name: 'Vytvořit koncept kampaně' }).click();
  await staff.waitForURL((url) => /\/collection\/campaigns\/[0-9a-f-]{36}$/.test(url.pathname));
  const campaignId = new URL(staff.url()).pathname.split('/').pop();
  await staff.getByRole('button', { name: 'Otevřít kampaň' }).click();
  await staff.getByRole('heading', { name: 'Úplnost sběru' }).waitFor();

  // 2. The municipality finds the campaign among what it has to fill in.
  await signIn(obec, baseUrl, MUNICIPALITY);
  await obec.goto(`${baseUrl}/collection/submissions`);
  const toFill = obec.locator('section.to-fill');
  await toFill.getByRole('link', { name: CAMPAIGN_NAME }).waitFor();
  assert(
    /zbývá dní: 30/.test(await toFill.locator('tr', { hasText: CAMPAIGN_NAME }).innerText()),
    'the list says how many days are left',
  );
  await checkAccessibility(obec, 'submissions (municipality)');
  await toFill.getByRole('link', { name: CAMPAIGN_NAME }).click();
  await obec.getByRole('heading', { level: 1, name: 'Liberec' }).waitFor();

  // It types more occupied beds than beds: the rule's message shows at once, at the field, and
  // submitting is disabled with the reason next to the button.
  await obec.getByLabel('Počet lůžek').fill('40');
  await obec.getByLabel('Obsazená lůžka').fill('45');
  await obec.getByLabel('Příspěvek obce').fill('125 000,50');
  await field(obec, 'occupied').getByText(RULE_MESSAGE).waitFor();
  assert(
    (await obec.getByLabel('Obsazená lůžka').getAttribute('aria-invalid')) === 'true',
    'the field with the broken rule is marked invalid',
  );
  const submit = obec.getByTestId('submit');
  assert(await submit.isDisabled(), 'submit is disabled while the form has errors');
  await obec.getByText('Nejdříve opravte chyby ve formuláři.').waitFor();
  await waitSaved(obec); // drafts may be invalid: the values are kept
  await checkAccessibility(obec, 'submission with an error');
  await screenshot(obec, artifacts, `${name}-entry-error`);

  // It fixes the value; the error goes, the draft saves, and it submits.
  await obec.getByLabel('Obsazená lůžka').fill('38');
  await expectCount(field(obec, 'occupied').getByText(RULE_MESSAGE), 0, 'rule messages');
  await waitSaved(obec);
  await submit.click();
  await obec.getByText('Výkaz byl odeslán.').waitFor();
  await obec.locator('.page-head [data-status="submitted"]').waitFor();

  // 3. Region staff reviews it: the comparison, then a comment on one field and Return.
  await openLiberecSubmission(staff, baseUrl, campaignId);
  await staff.getByRole('link', { name: 'Kontrola' }).click();
  await staff.getByTestId('comparison').waitFor();
  await staff
    .getByTestId('comparison')
    .locator('tr[data-field="beds"]')
    .getByRole('button', { name: /Připomínka/ })
    .click();
  await staff.getByLabel('Text připomínky').fill(REVIEW_COMMENT);
  await staff.getByRole('button', { name: 'Přidat připomínku' }).click();
  await staff.getByTestId('field-comments').getByText(REVIEW_COMMENT).waitFor();
  await checkAccessibility(staff, 'review');
  await screenshot(staff, artifacts, `${name}-review`);
  await staff.getByRole('button', { name: 'Vrátit k opravě' }).click();
  await staff.getByText('Výkaz byl vrácen k opravě.').waitFor();
  await staff.locator('.page-head [data-status="returned"]').waitFor();

  // 4. The municipality sees the comment at the field, corrects it and resubmits.
  await obec.goto(`${baseUrl}/collection/submissions`);
  await obec.locator('section.to-fill').getByRole('link', { name: CAMPAIGN_NAME }).click();
  await field(obec, 'beds').getByText(REVIEW_COMMENT).waitFor();
  await expectCount(field(obec, 'occupied').getByText(REVIEW_COMMENT), 0, 'comments at occupied');

  // Meanwhile the municipality's information system changes the contribution (through the
  // API): the page's next autosave meets 412, keeps what was typed and re-applies it over
  // the other writer's value on request.
  const submissionId = new URL(obec.url()).pathname.split('/').pop();
  const municipalityApi = await apiAs(baseUrl, MUNICIPALITY);
  const stored = await municipalityApi('GET', `/api/submissions/${submissionId}`);
  await municipalityApi(
    'PATCH',
    `/api/submissions/${submissionId}`,
    { values: { costs: 99000 } },
    { 'if-match': stored.etag },
  );
  await obec.getByLabel('Počet lůžek').fill('42');
  await obec.locator('[data-testid="save-state"][data-state="conflict"]').waitFor();
  await obec.getByRole('button', { name: 'Načíst znovu a použít mé změny' }).click();
  await waitSaved(obec);
  assert((await obec.getByLabel('Počet lůžek').inputValue()) === '42', 'my typing was kept');
  assert(
    (await obec.getByLabel('Příspěvek obce').inputValue()) === '99000',
    "the other writer's value was kept",
  );
  await obec.getByRole('button', { name: 'Odeslat opravený výkaz' }).click();
  await obec.locator('.page-head [data-status="resubmitted"]').waitFor();

  // 5. Region staff approves; the value history has the correction; completeness shows it.
  await openLiberecSubmission(staff, baseUrl, campaignId);
  await staff.getByRole('link', { name: 'Kontrola' }).click();
  await staff.getByRole('button', { name: 'Schválit' }).click();
  await staff.getByText('Výkaz byl schválen.').waitFor();
  await staff.locator('.page-head [data-status="approved"]').waitFor();
  await staff.getByRole('link', { name: 'Historie' }).click();
  const history = staff.getByTestId('value-history');
  await history.locator('tr', { hasText: '42' }).first().waitFor();
  assert(
    (await history.locator('tr', { hasText: 'Počet lůžek' }).count()) >= 2,
    'the history has both values of the beds',
  );
  await checkAccessibility(staff, 'submission history');

  await staff.goto(`${baseUrl}/collection/campaigns/${campaignId}`);
  const matrix = staff.getByTestId('completeness-matrix');
  await matrix
    .locator('tr', { has: staff.getByRole('link', { name: 'Liberec', exact: true }) })
    .locator('[data-state="approved"]')
    .waitFor();
  await screenshot(staff, artifacts, `${name}-completeness`);
}

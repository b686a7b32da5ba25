import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import carers from '../../domain/case-types/carers-support-payment';
import { eventually } from '../support/eventually';
import { runTestWorkers } from '../support/workers';
import { startBackOffice, type BackOffice } from './support/back-office';
import { browserProblems, launchBrowser, openPage } from './support/browser';
import { checkPage, signIn } from './support/pages';

/**
 * An administrator's integrations: an API key made (shown once, working at the intake)
 * and revoked, a webhook endpoint registered and its secret rotated, a delivery that
 * failed every attempt sent again once its receiver is mended, and imported rows the
 * intake refused mended and discarded.
 */
let office: BackOffice;
let browser: Browser;
let workers: Awaited<ReturnType<typeof runTestWorkers>>;
let page: Page;

/** A legacy system's endpoint, failing until it is mended. */
const legacy = { status: 500, received: 0, url: '', close: () => Promise.resolve() };

const post = (path: string, key: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${office.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

const apply = (key: string, idempotencyKey: string) =>
  post(
    '/api/v1/applications',
    key,
    { service: carers.id, channel: 'web', answers: carers.example },
    { 'idempotency-key': idempotencyKey },
  );

let failedReference = '';

beforeAll(async () => {
  office = await startBackOffice('e2eintegrations');
  browser = await launchBrowser();
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      legacy.received++;
      response.writeHead(legacy.status, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  legacy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
  legacy.close = () => new Promise((resolve) => server.close(() => resolve()));
  workers = await runTestWorkers(office.api, {
    clock: () => new Date(),
    quiet: true,
    settings: { webhookAttempts: 2, webhookBackoffMs: 20 },
  });
  office.api.useWorkers(workers.workers);

  // An integrator's system whose endpoint fails every attempt at its first case.
  const crm = await office.api.apiKey('legacy-crm', ['intake', 'webhooks']);
  expect((await post('/api/v1/webhooks', crm, { url: legacy.url })).status).toBe(201);
  const submitted = await apply(crm, 'crm-1');
  expect(submitted.status).toBe(201);
  failedReference = ((await submitted.json()) as { reference: string }).reference;
  await eventually(async () => {
    const { rows } = await office.api.pool.query('select 1 from failed_deliveries');
    return rows.length ? true : undefined;
  }, 'the delivery to fail');

  page = await openPage(browser, office.url);
  await signIn(page, 'ruth.baxter');
}, 120_000);
afterAll(async () => {
  await workers?.stop();
  await legacy.close();
  await browser?.close();
  await office?.close();
});

const summaryLink = (text: string) =>
  page.locator('.govuk-error-summary').getByRole('link', { name: text });

it('creates an API key shown once, which works at the intake until it is revoked', async () => {
  await page.getByRole('link', { name: 'Integrations' }).click();
  await page.getByRole('heading', { level: 1, name: 'API keys' }).waitFor();
  const keys = page.getByRole('table', { name: 'Keys' });
  await keys.getByRole('rowheader', { name: 'legacy-crm' }).waitFor();

  await page.getByRole('button', { name: 'Create API key' }).click();
  await summaryLink('Enter a name for the key').waitFor();
  expect(await page.title()).toBe('Error: API keys – Integrations – Casework – GOV.UK');
  await checkPage(page, 'integrations-api-key-error');

  await page.getByLabel('Name').fill('council-forms');
  await page.getByRole('button', { name: 'Create API key' }).click();
  const banner = page.getByRole('alert').filter({ hasText: 'API key created for council-forms' });
  const key = (await banner.locator('[data-secret]').textContent())!;
  expect(key).toMatch(/^cwk_/);
  expect(await page.locator('.govuk-error-summary').count()).toBe(0);
  await keys.locator('tr', { hasText: 'council-forms' }).getByText('Active').waitFor();
  await checkPage(page, 'integrations-api-keys');
  expect((await apply(key, 'council-1')).status).toBe(201);

  // Revoking asks again, and the question's button takes focus: Enter confirms it.
  await page.getByRole('button', { name: 'Revoke council-forms' }).press('Enter');
  await page.locator('button:focus', { hasText: 'Yes, revoke' }).waitFor();
  await page.keyboard.press('Enter');
  await keys
    .locator('tr', { hasText: 'council-forms' })
    .getByText(/^Revoked/)
    .waitFor();
  expect((await apply(key, 'council-2')).status).toBe(401);
});

it('registers a webhook endpoint and rotates its secret, each secret shown once', async () => {
  await page.getByRole('link', { name: 'Webhook endpoints' }).click();
  await page.getByRole('heading', { level: 1, name: 'Webhook endpoints' }).waitFor();
  const endpoints = page.getByRole('table', { name: 'Endpoints' });
  await endpoints.getByText('legacy-crm (API key)').waitFor();

  await page.getByLabel('Address (URL)').fill('ftp://records.example.gov.uk');
  await page.getByRole('button', { name: 'Register endpoint' }).click();
  await summaryLink('Enter an http or https URL').waitFor();

  await page.getByLabel('Address (URL)').fill('https://records.example.gov.uk/casework');
  await page.getByLabel('Description (optional)').fill('Records office');
  await page.getByLabel('Carer Support Payment').check();
  await page.getByLabel('Case closed').uncheck();
  await page.getByRole('button', { name: 'Register endpoint' }).click();
  const registered = page.getByRole('alert').filter({
    hasText: 'Endpoint registered: the signing secret for https://records.example.gov.uk/casework',
  });
  const secret = (await registered.locator('[data-secret]').textContent())!;
  expect(secret).toMatch(/^whsec_/);
  const row = endpoints.locator('tr', { hasText: 'records.example.gov.uk' });
  expect(await row.innerText()).toMatch(/Ruth Baxter|ruth\.baxter/);
  expect(await row.innerText()).not.toMatch(/Case closed/);
  await checkPage(page, 'integrations-webhooks');

  await row.getByRole('button', { name: /^Rotate secret/ }).click();
  await row.getByRole('button', { name: /^Yes, rotate/ }).click();
  const rotated = page.getByRole('alert').filter({ hasText: 'New signing secret' });
  const newSecret = (await rotated.locator('[data-secret]').textContent())!;
  expect(newSecret).toMatch(/^whsec_/);
  expect(newSecret).not.toBe(secret);
  await row.getByText(/^Rotated/).waitFor();
});

it('retries a delivery that failed every attempt, once the receiver is mended', async () => {
  await page.getByRole('link', { name: 'Failed deliveries' }).click();
  const failed = page.getByRole('table', { name: 'Deliveries that failed every attempt' });
  const row = failed.locator('tr', { hasText: failedReference });
  expect(await row.innerText()).toMatch(/HTTP 500/);
  await checkPage(page, 'integrations-failed-deliveries');

  legacy.status = 200;
  const before = legacy.received;
  await row.getByRole('button', { name: `Retry the delivery for ${failedReference}` }).click();
  await page
    .getByRole('alert')
    .filter({ hasText: `The delivery for ${failedReference} is being sent again.` })
    .waitFor();
  await page.getByText('No deliveries are waiting to be retried.').waitFor();
  await eventually(async () => (legacy.received > before ? true : undefined), 'the redelivery');
});

it('mends one refused imported row and discards another', async () => {
  const example = { ...carers.example } as Record<string, unknown>;
  const flat = Object.entries(example).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null
      ? Object.entries(v).map(([inner, x]) => [`${k}.${inner}`, String(x)])
      : [[k, String(v)]],
  );
  const header = ['ref', ...flat.map(([k]) => k)].join(',');
  const row = (ref: string, nino: string) =>
    [ref, ...flat.map(([k, v]) => (k === 'nationalInsuranceNumber' ? nino : v))].join(',');
  const { token } = (await (
    await fetch(`${office.url}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'ruth.baxter' }),
    })
  ).json()) as { token: string };
  const imported = await fetch(
    `${office.url}/api/v1/imports?service=${carers.id}&channel=post&key=ref`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: [header, row('PAPER-1', 'AB 12 34 56'), row('PAPER-2', 'not known')].join('\r\n'),
    },
  );
  expect(((await imported.json()) as { exceptions: number }).exceptions).toBe(2);

  await page.getByRole('link', { name: 'Import exceptions' }).click();
  const list = page.getByRole('table', { name: 'Rows to mend or discard' });
  await list.getByText('Enter a National Insurance number in the right format').first().waitFor();
  await checkPage(page, 'integrations-import-exceptions');

  await list.getByRole('link', { name: /line 2$/ }).click();
  await page.getByRole('heading', { level: 1, name: /^Mend .*line 2$/ }).waitFor();
  await summaryLink(
    'Enter a National Insurance number in the right format, like QQ 12 34 56 C',
  ).waitFor();
  expect(await page.locator('#answers-firstName').inputValue()).toBe('Morag');
  await checkPage(page, 'integrations-import-exception');
  await page.locator('#answers-nationalInsuranceNumber').fill('AB 12 34 56 C');
  await page.getByRole('button', { name: 'Submit the mended application' }).click();
  await page
    .getByRole('alert')
    .filter({ hasText: /The mended application was submitted as CSP-\d{4}-\d{6}\./ })
    .waitFor();

  await list.getByRole('link', { name: /line 3$/ }).click();
  await page.getByRole('button', { name: 'Discard the row' }).click();
  await summaryLink('Say why').waitFor();
  await page.getByLabel('Why is it being discarded?').fill('Duplicate of a phone application');
  await page.getByRole('button', { name: 'Discard the row' }).click();
  await page
    .getByRole('alert')
    .filter({ hasText: /line 3 was discarded\./ })
    .waitFor();
  await page.getByText('No imported rows are waiting to be mended.').waitFor();
  expect(browserProblems(page)).toEqual([]);
});

it('shows integrators the API docs under their own Content-Security-Policy, nothing refused', async () => {
  const docs = await openPage(browser, office.url);
  const response = await docs.goto('/api/docs');
  expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
  await docs.getByRole('heading', { name: 'Schemas' }).waitFor();
  await docs
    .getByRole('heading', { name: /post\s*\/api\/v1\/applications/i })
    .first()
    .waitFor();
  expect(browserProblems(docs)).toEqual([]);
});

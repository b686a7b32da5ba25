import type { Browser } from 'playwright-core';
import { readStall } from '../../projections/stalls';
import { eventually } from '../support/eventually';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres';
import { appendUnstorableName } from '../support/unstorable';
import { startBackOffice, type BackOffice } from './support/back-office';
import { browserProblems, launchBrowser, openPage } from './support/browser';
import { carerAnswers, chooseCarerAnswers, fill } from './support/carer-form';
import { checkPage, signIn } from './support/pages';

/**
 * When the database goes away a caseworker keying a phone application is told Casework
 * is unavailable, not asked to sign in again, and loses nothing they typed: once the
 * database is back the same form submits. An administrator sees each read model's state
 * and a stalled one's event and error, and can ask it to try again.
 */
let postgres: PrivatePostgres;
let office: BackOffice;
let browser: Browser;
beforeAll(async () => {
  postgres = await startPrivatePostgres();
  office = await startBackOffice('e2eoutage', { databaseUrl: postgres.url });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await postgres?.start().catch(() => undefined);
  await office?.close();
  await postgres?.destroy();
});

it('keeps what a caseworker typed through a database outage, then submits it', async () => {
  const page = await openPage(browser, office.url);
  await signIn(page, 'aisha.khan');
  await page.goto('/applications/new/carers-support-payment/phone');
  await page.getByRole('heading', { name: 'Carer Support Payment' }).waitFor();
  await fill(page, carerAnswers({ lastName: 'Outage' }));
  await chooseCarerAnswers(page);
  await page
    .getByLabel('Which disability benefit do they get?')
    .selectOption('attendance-allowance');

  await postgres.stop();
  await page.getByRole('button', { name: 'Submit application' }).click();
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor();
  await expect(summary.textContent()).resolves.toContain(
    'Casework is unavailable just now. What you entered is still here: try again in a few minutes.',
  );
  // Still signed in, still on the form, every answer as typed.
  expect(new URL(page.url()).pathname).toBe('/applications/new/carers-support-payment/phone');
  await expect(page.locator('#answers-firstName').inputValue()).resolves.toBe('Morven');
  await expect(page.locator('#answers-caredForAddress-postcode').inputValue()).resolves.toBe(
    'PA1 2BX',
  );
  await checkPage(page, 'outage-form-kept');

  await postgres.start();
  // Once the instance says it can serve again, the same form, untouched, goes in.
  await eventually(
    async () => ((await fetch(`${office.url}/health/ready`)).ok ? true : undefined),
    'the back office to be ready again',
  );
  await page.getByRole('button', { name: 'Submit application' }).click();
  await page.getByRole('heading', { name: 'Application submitted' }).waitFor();
  const reference = (await page.locator('.govuk-panel__body strong').textContent())!;
  await office.caughtUp();
  const { rows } = await office.api.pool.query(
    'select channel, applicant_name from cases where reference = $1',
    [reference],
  );
  expect(rows).toEqual([{ channel: 'phone', applicant_name: 'Morven Outage' }]);
  // The only complaints are the refused requests of the outage itself.
  expect(browserProblems(page).filter((p) => !/503/.test(p))).toEqual([]);
}, 120_000);

it('shows administrators each read model, a stalled one’s event and error, and lets them ask it to try again', async () => {
  const page = await openPage(browser, office.url);
  await signIn(page, 'ruth.baxter');
  await page.goto('/integrations/read-models');
  const table = page.getByRole('table', { name: 'Read models and workers' });
  await table.waitFor();
  await expect(table.getByRole('row', { name: /^cases Up to date/ }).count()).resolves.toBe(1);
  await checkPage(page, 'read-models');

  const bad = await appendUnstorableName(office.api.store);
  await eventually(
    async () => (await readStall(office.api.pool, 'cases')) ?? undefined,
    'the cases projection to stall',
  );
  await page.reload();
  await page.getByRole('heading', { name: 'cases is stalled' }).waitFor();
  await expect(table.getByRole('row', { name: /^cases Stalled/ }).count()).resolves.toBe(1);
  // Every other read model carries on.
  await expect(table.getByRole('row', { name: /^timeline Up to date/ }).count()).resolves.toBe(1);
  await expect(page.locator('.govuk-summary-list').textContent()).resolves.toContain(bad.id);
  await checkPage(page, 'read-models-stalled');

  await page.getByRole('button', { name: 'Try again now for cases' }).click();
  await page.getByText('cases will try its event again within a few seconds.').waitFor();
  expect((await readStall(office.api.pool, 'cases'))?.resumeRequestedAt).not.toBeNull();
  expect(browserProblems(page)).toEqual([]);
}, 120_000);

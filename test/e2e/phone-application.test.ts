import type { Browser } from 'playwright-core';
import { startBackOffice, type BackOffice } from './support/back-office';
import { browserProblems, launchBrowser, openPage } from './support/browser';
import { tabTo } from './support/keyboard';
import { carerAnswers, chooseCarerAnswers, fill } from './support/carer-form';
import { checkPage, signIn } from './support/pages';

/**
 * A caseworker keys an application taken over the phone: the form is the service's own,
 * the intake refuses a wrong answer exactly as it would online (shown in the GOV.UK error
 * summary, linked to the field), and once corrected the case is made on the phone channel.
 */
let office: BackOffice;
let browser: Browser;
beforeAll(async () => {
  office = await startBackOffice('e2ephone');
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await office?.close();
});

it('keys a phone application, shows the intake’s errors in the summary, then the reference', async () => {
  const page = await openPage(browser, office.url);
  await signIn(page, 'aisha.khan');
  await page.getByRole('link', { name: 'New application' }).click();
  await page.getByRole('heading', { name: 'New application' }).waitFor();
  await checkPage(page, 'new-application-choose');

  // Continuing without choosing: the summary names both questions.
  await page.getByRole('button', { name: 'Continue' }).press('Enter');
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor();
  expect(await summary.locator('a').allTextContents()).toEqual([
    'Select the service the application is for',
    'Select how the application arrived',
  ]);
  expect(await page.title()).toBe('Error: New application – Casework – GOV.UK');

  // By keyboard alone: Tab to each choice, choose with the space bar, continue with Enter.
  await tabTo(page, /^Carer Support Payment$/);
  await page.keyboard.press('Space');
  await tabTo(page, /^Phone$/);
  await page.keyboard.press('Space');
  await tabTo(page, /^Continue$/);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Carer Support Payment' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/applications/new/carers-support-payment/phone');
  await checkPage(page, 'new-application-form');

  await fill(page, carerAnswers({ lastName: 'Keyed', nationalInsuranceNumber: 'AB 12 34 56' }));
  await chooseCarerAnswers(page);
  // Choosing "Other" asks how they are related; choosing again hides the question.
  await page.getByLabel('Other', { exact: true }).check();
  await page.getByLabel('Tell us how you are related to them').waitFor();
  await page.getByLabel('Parent', { exact: true }).check();
  await page.getByLabel('Tell us how you are related to them').waitFor({ state: 'detached' });
  await page
    .getByLabel('Which disability benefit do they get?')
    .selectOption('attendance-allowance');

  await page.getByRole('button', { name: 'Submit application' }).click();
  await summary.waitFor();
  const link = summary.getByRole('link', {
    name: 'Enter a National Insurance number in the right format, like QQ 12 34 56 C',
  });
  await link.waitFor();
  expect(await page.title()).toBe(
    'Error: New application: Carer Support Payment – Casework – GOV.UK',
  );
  await page.locator('.govuk-error-summary:focus').waitFor();
  await expect(
    page.locator('#answers-nationalInsuranceNumber-error').textContent(),
  ).resolves.toContain('Enter a National Insurance number in the right format');
  await checkPage(page, 'new-application-errors');
  await link.click();
  await page.locator('#answers-nationalInsuranceNumber:focus').waitFor();

  await page.locator('#answers-nationalInsuranceNumber').fill('AB 12 34 56 C');
  await page.getByRole('button', { name: 'Submit application' }).click();
  await page.getByRole('heading', { name: 'Application submitted' }).waitFor();
  const reference = (await page.locator('.govuk-panel__body strong').textContent())!;
  expect(reference).toMatch(/^CSP-\d{4}-\d{6}$/);
  expect(await page.title()).toBe('Application submitted – Casework – GOV.UK');
  await checkPage(page, 'new-application-submitted');

  await office.caughtUp();
  const { rows } = await office.api.pool.query(
    'select channel, applicant_name from cases where reference = $1',
    [reference],
  );
  expect(rows).toEqual([{ channel: 'phone', applicant_name: 'Morven Keyed' }]);

  await page.getByRole('link', { name: `View the case ${reference}` }).click();
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  expect(browserProblems(page)).toEqual([]);
});

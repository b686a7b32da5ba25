import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { waitForProjections } from '../../projections/checkpoints';
import { startBackOffice, type BackOffice } from './support/back-office';
import { browserProblems, launchBrowser, openPage } from './support/browser';
import { checkPage, signIn } from './support/pages';

/**
 * An auditor reads a closed case's audit: its integrity, its history with an amendment's
 * before and after, the case as of an earlier point, and exports of it all; a team leader
 * reads management information with its three charts over the cases worked here.
 */
let office: BackOffice;
let browser: Browser;
let closed: { caseId: string; reference: string };

const change = (caseId: string, revision: string) => ({
  change: { caseId, expectedRevision: revision },
});

/** A case taken from submission to closure by its team, with an amendment on the way. */
const workToClosure = async (channel: 'web' | 'phone') => {
  const submitted = await office.submit({ channel });
  let revision = submitted.revision;
  const act = async (who: string, mutation: string, extra: Record<string, unknown> = {}) => {
    const data = await office.graphqlAs(
      who,
      `mutation ($change: CaseChange!) { result: ${mutation} { revision } }`,
      { ...change(submitted.caseId, revision), ...extra },
    );
    revision = (data.result as { revision: string }).revision;
  };
  await act('morag.stewart', 'triageCase(change: $change, priority: high, team: "carer-claims")');
  await act('aisha.khan', 'assignCase(change: $change, assignee: "aisha.khan")');
  await act(
    'aisha.khan',
    'amendAnswers(change: $change, changes: { weeklyEarnings: "99.50" }, reason: "Payslip checked")',
  );
  await act(
    'aisha.khan',
    'recordDecision(change: $change, outcome: "awarded", reasons: "Meets the conditions")',
  );
  await act('aisha.khan', 'closeCase(change: $change)');
  return submitted;
};

beforeAll(async () => {
  office = await startBackOffice('e2eaudit');
  browser = await launchBrowser();
  closed = await workToClosure('web');
  await workToClosure('phone');
  await office.submit({ channel: 'web' });
  await office.submit({ channel: 'post' });
  await waitForProjections(
    office.api.pool,
    ['mi', 'timeline'],
    await office.api.store.headPosition(),
    10_000,
  );
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await office?.close();
});

const download = async (page: Page, button: string) => {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  return { name: file.suggestedFilename(), text: await readFile((await file.path())!, 'utf8') };
};

it('shows an auditor the closed case’s integrity, history, an earlier point and exports', async () => {
  const page = await openPage(browser, office.url);
  await signIn(page, 'tom.fletcher');
  await page.goto(`/cases/${closed.caseId}/audit`);
  await page.getByRole('heading', { level: 1, name: `Audit of ${closed.reference}` }).waitFor();
  const verified = page.getByRole('region', { name: 'Integrity verified' });
  await verified
    .getByText('The history is intact: all 6 events match their recorded hashes.')
    .waitFor();
  const history = page.getByRole('table', { name: 'Event history' });
  await history.getByText('CaseClosed').waitFor();
  const amended = history.locator('tr', { hasText: 'AnswersAmended' }).first();
  expect(await amended.getByRole('table').innerText()).toMatch(
    /How much do you earn a week\?\s+£120\.00\s+£99\.50/,
  );
  await page.getByRole('table', { name: 'Access log' }).getByText('auditTrail').first().waitFor();
  expect(await page.title()).toBe(`Audit of ${closed.reference} – Casework – GOV.UK`);

  // As of revision 1 (triaged): in progress, not yet assigned, the first answers.
  await page.getByLabel('Show the case after revision').selectOption('1');
  await page.getByRole('button', { name: 'Show this revision' }).click();
  const asOf = page.getByRole('region', { name: 'The case after revision 1' });
  await asOf.getByText('In progress').waitFor();
  expect(
    await asOf.locator('.govuk-summary-list__row', { hasText: 'Assigned to' }).innerText(),
  ).toMatch(/Nobody/);
  expect(
    await asOf.locator('.govuk-summary-list__row', { hasText: 'earn a week' }).innerText(),
  ).toMatch(/£120\.00/);
  expect(new URL(page.url()).search).toBe('?revision=1');
  await checkPage(page, 'audit-revision');

  // As of a UK date and time before the application: there was no case yet.
  await page.locator('#as-of-date').fill('1');
  await page.locator('#as-of-date-month').fill('1');
  await page.locator('#as-of-date-year').fill('2020');
  await page.getByLabel('At (UK time)').fill('09:00');
  await page.getByRole('button', { name: 'Show this time' }).click();
  await page.getByText('The application had not been made yet.').waitFor();
  expect(new URL(page.url()).searchParams.get('at')).toBe('2020-01-01T09:00:59.999Z');

  // A time that is not one: the error summary links to the field.
  await page.getByLabel('At (UK time)').fill('25:00');
  await page.getByRole('button', { name: 'Show this time' }).click();
  await page
    .locator('.govuk-error-summary')
    .getByRole('link', { name: 'Enter a time on the 24-hour clock, like 14:30' })
    .waitFor();
  expect(await page.title()).toMatch(/^Error: Audit of /);
  await checkPage(page, 'audit-time-error');

  const csv = await download(page, 'Download the history as CSV');
  expect(csv.name).toMatch(new RegExp(`^${closed.reference}-audit-\\d{8}T\\d{4}Z\\.csv$`));
  const lines = csv.text.trimEnd().split('\r\n');
  expect(lines[0]).toBe(
    'revision,eventId,type,summary,actorId,actorRole,channel,occurredAt,recordedAt,correlationId,changes',
  );
  expect(lines).toHaveLength(7);
  expect(lines[4]).toMatch(/^3,[0-9a-f-]{36},AnswersAmended,/);
  // The changes column is JSON, quoted with its quotes doubled.
  expect(lines[4]).toMatch(/,"\[\{.*""field"":""weeklyEarnings"".*\}\]"$/);

  const json = await download(page, 'Download everything as JSON');
  expect(json.name).toMatch(/\.json$/);
  const exported = JSON.parse(json.text);
  expect(exported).toMatchObject({
    case: { caseId: closed.caseId, reference: closed.reference },
    verification: { intact: true, eventsChecked: 6 },
  });
  expect(exported.events.map((e: { type: string }) => e.type)).toEqual([
    'ApplicationSubmitted',
    'CaseTriaged',
    'CaseAssigned',
    'AnswersAmended',
    'DecisionRecorded',
    'CaseClosed',
  ]);
  expect(exported.accessLog.length).toBeGreaterThan(0);
  expect(browserProblems(page)).toEqual([]);
});

it('shows a team leader management information with its three charts for a date range', async () => {
  const page = await openPage(browser, office.url);
  await signIn(page, 'morag.stewart');
  await page.getByRole('link', { name: 'Management information' }).click();
  await page.getByRole('heading', { level: 1, name: 'Management information' }).waitFor();
  await page
    .getByRole('table', { name: 'Carer Support Payment: key performance indicators' })
    .waitFor();

  for (const chart of [
    'Digital take-up over time',
    'Time to decision, in working days',
    'Service levels met, by service and channel',
  ]) {
    const figure = page.getByRole('figure', { name: chart });
    await figure.getByRole('img').waitFor();
    await figure.getByText('Show the figures').click();
    await figure.getByRole('table', { name: chart }).waitFor();
  }
  await page
    .getByRole('figure', { name: 'Time to decision, in working days' })
    .getByText('2 decisions. The most, 2, took 0 to 4 working days.')
    .waitFor();
  const kpis = page.getByRole('table', {
    name: 'Carer Support Payment: key performance indicators',
  });
  expect(await kpis.locator('thead').innerText()).toMatch(/Online\s+Phone\s+Post/);
  expect(await kpis.locator('tr', { hasText: 'Submitted' }).first().innerText()).toMatch(
    /Submitted\s+2\s+1\s+1/,
  );
  expect(await kpis.locator('tr', { hasText: 'Digital take-up' }).innerText()).toMatch(/50%/);
  await checkPage(page, 'management-information');

  // A range that ends before it starts is refused, and the summary links to its end.
  await page.locator('#to-year').fill('2001');
  await page.getByRole('button', { name: 'Show figures' }).click();
  await page
    .locator('.govuk-error-summary')
    .getByRole('link', { name: 'End on or after from' })
    .waitFor();
  expect(await page.title()).toBe('Error: Management information – Casework – GOV.UK');
  await checkPage(page, 'management-information-error');
  expect(browserProblems(page)).toEqual([]);
});

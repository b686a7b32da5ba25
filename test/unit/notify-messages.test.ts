import carers from '../../domain/case-types/carers-support-payment';
import { foldCase } from '../../domain/case-state';
import type { CaseEvent } from '../../domain/events';
import type { StoredEvent } from '../../eventstore/port';
import { messageFor, triggerOf } from '../../workers/notify/messages';

/** Which message an applicant gets: email, else a text message, else a letter. */
const submitted = (answers: Record<string, unknown>): CaseEvent => ({
  type: 'ApplicationSubmitted',
  data: {
    caseId: '0b4e28ba-2fa1-11d2-883f-0016d3cca427',
    reference: 'CSP-2026-000042',
    caseTypeId: carers.id,
    caseTypeVersion: 1,
    channel: 'post',
    answers: {},
    personal: { answers },
    team: 'carer-claims',
    priority: 'normal',
    submittedAt: '2026-03-02T10:00:00Z',
    keyedBy: null,
    externalReference: null,
    fingerprint: 'f',
  },
});
const stored = (event: CaseEvent): StoredEvent =>
  ({ ...event, id: 'e', streamId: 'case-x', revision: 0n }) as unknown as StoredEvent;

describe('messages to applicants', () => {
  const example = carers.example as Record<string, unknown>;

  it.each([
    ['an email address', 'email', example, 'morag.sample@example.com'],
    ['only a phone number', 'sms', { ...example, email: undefined }, '07700 900123'],
  ])('with %s, sends %s', (_what, channel, answers, to) => {
    const event = submitted(answers);
    const message = messageFor(carers, foldCase([event]), 'application-received', stored(event));
    expect(message).toMatchObject({
      channel,
      to,
      templateId: carers.notifications['application-received']![channel as 'email' | 'sms'],
      personalisation: { reference: 'CSP-2026-000042', name: 'Morag Sample' },
    });
  });

  it('says nothing when the service has no template for the moment or the contact details', () => {
    const event = submitted({ ...example, email: undefined });
    // Carer Support Payment decisions go by email or letter, not text.
    const message = messageFor(carers, foldCase([event]), 'decision-made', stored(event));
    expect(message?.channel).toBe('letter');
    expect(
      messageFor(
        { ...carers, notifications: {} },
        foldCase([event]),
        'decision-made',
        stored(event),
      ),
    ).toBeUndefined();
  });

  it('tells applicants about receipt, requests and decisions only', () => {
    const event = (type: string, data: Record<string, unknown> = {}) =>
      ({ type, data }) as unknown as StoredEvent;
    expect(triggerOf(event('ApplicationSubmitted'))).toBe('application-received');
    expect(triggerOf(event('InformationRequested'))).toBe('information-requested');
    expect(triggerOf(event('DecisionRecorded', { needsApproval: true }))).toBeUndefined();
    expect(triggerOf(event('DecisionRecorded', { needsApproval: false }))).toBe('decision-made');
    expect(triggerOf(event('DecisionApproved'))).toBe('decision-made');
    expect(triggerOf(event('NoteAdded'))).toBeUndefined();
  });
});

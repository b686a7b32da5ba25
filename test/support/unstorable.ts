import { randomUUID } from 'node:crypto';
import carers from '../../domain/case-types/carers-support-payment';
import { initialCaseState } from '../../domain/case-state';
import { decide } from '../../domain/decide';
import { caseStreamId } from '../../domain/events';
import { toNewEvents } from '../../eventstore/case-commands';
import type { EventStore } from '../../eventstore/port';

/**
 * An application whose applicant's name PostgreSQL's jsonb cannot hold (a lone surrogate),
 * written straight into the log past the intake that refuses it, as a bug in a future
 * release might: the cases projection cannot apply it and stalls.
 */
export const appendUnstorableName = async (store: EventStore) => {
  const caseId = randomUUID();
  const [event] = decide(
    {
      type: 'SubmitApplication',
      actor: { id: 'legacy', role: 'integrator' },
      at: '2026-03-02T09:00:00Z',
      caseId,
      reference: 'CSP-2026-999999',
      caseTypeId: carers.id,
      channel: 'web',
      answers: carers.example,
      submittedAt: '2026-03-02T09:00:00Z',
      keyedBy: null,
      externalReference: null,
      fingerprint: '0'.repeat(64),
    },
    initialCaseState(),
    carers,
  );
  if (event?.type !== 'ApplicationSubmitted') throw new Error('expected a submission');
  event.data.personal.answers.firstName = '\ud800Lone';
  const id = randomUUID();
  const { position } = await store.appendToStream(
    caseStreamId(caseId),
    toNewEvents([event], () => id, {
      actor: { id: 'legacy', role: 'integrator' },
      channel: 'web',
      correlationId: caseId,
      causationId: null,
      occurredAt: '2026-03-02T09:00:00Z',
    }),
  );
  return { id, caseId, position };
};

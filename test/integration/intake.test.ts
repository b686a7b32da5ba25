import carers from '../../domain/case-types/carers-support-payment';
import waste from '../../domain/case-types/waste-carrier-registration';
import { IdempotencyKeyReused, ValidationFailed } from '../../domain/errors';
import { caseStreamId } from '../../domain/events';
import { executeCaseCommand } from '../../eventstore/case-commands';
import { submitApplication, type Submission } from '../../eventstore/intake';
import type { StoredEvent } from '../../eventstore/port';
import { openTestWriteSide, type TestWriteSide } from '../support/runtime';

const integrator = { id: 'council-web-forms', role: 'integrator' };
const postRoom = { id: 'aisha.khan', role: 'caseworker' };

const application = (overrides: Partial<Submission> = {}): Submission => ({
  service: carers.id,
  channel: 'web',
  answers: carers.example,
  idempotencyKey: 'form-7f3a',
  actor: integrator,
  ...overrides,
});

const eventsOf = async (w: TestWriteSide, caseId: string) => {
  const events: StoredEvent[] = [];
  for await (const e of w.store.readStream(caseStreamId(caseId))) events.push(e);
  return events;
};

describe('intake: one submitApplication path for every channel', () => {
  let w: TestWriteSide;
  beforeAll(async () => {
    w = await openTestWriteSide('intake');
  });
  afterAll(async () => w.close());

  it('records a web application with its channel, actor and time, and a human reference', async () => {
    const result = await submitApplication(
      w,
      // Written with its offset and to the microsecond; recorded in UTC to the millisecond.
      application({ idempotencyKey: 'web-1', submittedAt: '2026-02-27T17:45:00.000999+01:00' }),
    );
    expect(result).toMatchObject({ status: 'received', revision: 0n, created: true });
    expect(result.reference).toMatch(/^CSP-2026-\d{6}$/);
    const [event] = await eventsOf(w, result.caseId);
    expect(event).toMatchObject({
      type: 'ApplicationSubmitted',
      metadata: { actor: integrator, channel: 'web', occurredAt: '2026-02-27T16:45:00.000Z' },
      data: {
        submittedAt: '2026-02-27T16:45:00.000Z',
        reference: result.reference,
        channel: 'web',
        keyedBy: null,
        caseTypeVersion: carers.version,
      },
    });
    expect(event!.data.answers).not.toHaveProperty('nationalInsuranceNumber');
    expect((event!.data.personal as { answers: object }).answers).toHaveProperty(
      'nationalInsuranceNumber',
      'AB123456C',
    );
  });

  it.each(['phone', 'post', 'assisted_digital'] as const)(
    'records who keyed a %s application',
    async (channel) => {
      const result = await submitApplication(
        w,
        application({ channel, actor: postRoom, idempotencyKey: `keyed-${channel}` }),
      );
      const [event] = await eventsOf(w, result.caseId);
      expect(event!.metadata.channel).toBe(channel);
      expect(event!.data.keyedBy).toEqual(postRoom);
    },
  );

  it('gives unique, sequential references per service', async () => {
    const a = await submitApplication(
      w,
      application({ service: waste.id, answers: waste.example, idempotencyKey: 'wcr-1' }),
    );
    const b = await submitApplication(
      w,
      application({ service: waste.id, answers: waste.example, idempotencyKey: 'wcr-2' }),
    );
    const n = (ref: string) => Number(ref.split('-')[2]);
    expect(a.reference).toMatch(/^WCR-2026-\d{6}$/);
    expect(n(b.reference)).toBe(n(a.reference) + 1);
  });

  it('a retried submission returns the original case and creates nothing', async () => {
    const first = await submitApplication(w, application({ idempotencyKey: 'retry-1' }));
    const again = await submitApplication(w, application({ idempotencyKey: 'retry-1' }));
    expect(again).toEqual({ ...first, created: false });
    expect(await eventsOf(w, first.caseId)).toHaveLength(1);
  });

  it('16 simultaneous retries create one case and all get its reference', async () => {
    const results = await Promise.all(
      Array.from({ length: 16 }, () =>
        submitApplication(w, application({ idempotencyKey: 'storm-1' })),
      ),
    );
    expect(new Set(results.map((r) => r.reference)).size).toBe(1);
    expect(new Set(results.map((r) => r.caseId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await eventsOf(w, results[0]!.caseId)).toHaveLength(1);
  });

  it('gives back the reference a retry reserved, so the register names each case once', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        submitApplication(w, application({ idempotencyKey: 'storm-2' })),
      ),
    );
    const { rows } = await w.pool.query<{ reference: string }>(
      'select reference from case_references where case_id = $1',
      [results[0]!.caseId],
    );
    expect(rows).toEqual([{ reference: results[0]!.reference }]);
  });

  it('submissions arriving together each get their own reference, stream and register entry', async () => {
    const submissions = Array.from({ length: 120 }, (_, i) =>
      i % 3 === 0
        ? application({ service: waste.id, answers: waste.example, idempotencyKey: `crowd-${i}` })
        : application({ idempotencyKey: `crowd-${i}` }),
    );
    const results = await Promise.all(submissions.map((s) => submitApplication(w, s)));
    expect(new Set(results.map((r) => r.reference)).size).toBe(120);
    for (const [i, result] of results.entries()) {
      expect(result.reference.startsWith(i % 3 === 0 ? 'WCR-' : 'CSP-')).toBe(true);
      expect(await w.references.caseIdOf(result.reference)).toBe(result.caseId);
      const [event] = await eventsOf(w, result.caseId);
      expect(event!.data.reference).toBe(result.reference);
      expect(event!.revision).toBe(result.revision);
    }
  });

  it('a retry after the applicant’s data was erased still returns the original case', async () => {
    const first = await submitApplication(w, application({ idempotencyKey: 'erased-1' }));
    await executeCaseCommand(
      w,
      first.caseId,
      {
        type: 'ErasePersonalData',
        actor: postRoom,
        at: '2026-03-02T10:00:00Z',
        reason: 'asked',
        retention: false,
      },
      { commandId: 'erase-1' },
    );
    const again = await submitApplication(w, application({ idempotencyKey: 'erased-1' }));
    expect(again).toMatchObject({
      caseId: first.caseId,
      reference: first.reference,
      created: false,
    });
  });

  it('refuses the same key with a different application', async () => {
    await submitApplication(w, application({ idempotencyKey: 'reuse-1' }));
    await expect(
      submitApplication(
        w,
        application({
          idempotencyKey: 'reuse-1',
          answers: { ...carers.example, lastName: 'Other' },
        }),
      ),
    ).rejects.toBeInstanceOf(IdempotencyKeyReused);
  });

  it('scopes keys to the submitter: two integrators may use the same key', async () => {
    const a = await submitApplication(w, application({ idempotencyKey: 'shared-key' }));
    const b = await submitApplication(
      w,
      application({
        idempotencyKey: 'shared-key',
        actor: { id: 'legacy-crm', role: 'integrator' },
      }),
    );
    expect(a.caseId).not.toBe(b.caseId);
  });

  it('lists every invalid answer with its path, stores nothing and uses up no reference', async () => {
    const before = await submitApplication(w, application({ idempotencyKey: 'ref-before' }));
    const error = await submitApplication(
      w,
      application({
        idempotencyKey: 'invalid-1',
        answers: {
          ...carers.example,
          nationalInsuranceNumber: 'XX',
          address: { line1: '1 Road', town: 'Ayr', postcode: '12345' },
          dateOfBirth: undefined,
        },
      }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationFailed);
    expect((error as ValidationFailed).errors.map((e) => e.path.join('.')).sort()).toEqual([
      'answers.address.postcode',
      'answers.dateOfBirth',
      'answers.nationalInsuranceNumber',
    ]);
    const after = await submitApplication(w, application({ idempotencyKey: 'ref-after' }));
    expect(Number(after.reference.split('-')[2])).toBe(Number(before.reference.split('-')[2]) + 1);
  });

  it('refuses an unknown service, a blank key and a submission time that is not a time', async () => {
    const paths = async (s: Submission) =>
      ((await submitApplication(w, s).catch((e: unknown) => e)) as ValidationFailed).errors.map(
        (e) => e.path.join('.'),
      );
    expect(await paths(application({ service: 'fishing-licence' }))).toEqual(['service']);
    expect(await paths(application({ idempotencyKey: '  ' }))).toEqual(['idempotencyKey']);
    expect(
      await paths(application({ idempotencyKey: 'bad-time', submittedAt: 'yesterday' })),
    ).toEqual(['submittedAt']);
  });
});

import { randomUUID } from 'node:crypto';
import { PersonalDataErased, SubjectKeys } from '../../eventstore/personal-data/subject-keys';
import { localKeyProvider } from '../../eventstore/personal-data/key-provider';
import { openTestWriteSide, type TestWriteSide } from '../support/runtime';

/**
 * New applicants' data keys are created a batch per statement. Whatever lands in one
 * batch — the same subject twice, a subject that already has a key, an erased subject —
 * each caller must get the key every other process will use, or be refused.
 */
describe('subject keys created together', () => {
  let w: TestWriteSide;
  const masterKey = Buffer.alloc(32, 7);
  const keysIn = () => new SubjectKeys(w.pool, localKeyProvider(masterKey));

  beforeAll(async () => {
    w = await openTestWriteSide('subject_keys');
  });
  afterAll(async () => w.close());

  it('gives one key per subject to every caller, in this process and the next', async () => {
    const subjects = Array.from({ length: 40 }, () => randomUUID());
    const here = keysIn();
    const keys = await Promise.all(
      [...subjects, ...subjects].map((subject) => here.forWriting(subject)),
    );
    const elsewhere = await keysIn().forReading(subjects, true);
    subjects.forEach((subject, i) => {
      expect(keys[i]).toEqual(keys[i + subjects.length]);
      expect(elsewhere.get(subject)).toEqual(keys[i]);
    });
    const { rows } = await w.pool.query<{ n: number }>(
      'select count(*)::int as n from personal_data_keys where subject_id = any($1)',
      [subjects],
    );
    expect(rows[0]!.n).toBe(40);
  });

  it('finds keys stored earlier and refuses erased subjects, beside new ones in the same batch', async () => {
    const [stored, erased, fresh] = [randomUUID(), randomUUID(), randomUUID()];
    const earlier = await keysIn().forWriting(stored);
    await keysIn().erase(erased, 'applicant asked');
    const later = keysIn();
    // The first two calls take both statements in flight; the next three wait and go together.
    const results = await Promise.allSettled([
      later.forWriting(randomUUID()),
      later.forWriting(randomUUID()),
      later.forWriting(fresh),
      later.forWriting(stored),
      later.forWriting(erased),
    ]);
    expect(results[2]).toMatchObject({ status: 'fulfilled' });
    expect(results[3]).toEqual({ status: 'fulfilled', value: earlier });
    expect(results[4]).toMatchObject({
      status: 'rejected',
      reason: expect.any(PersonalDataErased),
    });
  });
});

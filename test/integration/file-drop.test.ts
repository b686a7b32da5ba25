import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import carers from '../../domain/case-types/carers-support-payment';
import waste from '../../domain/case-types/waste-carrier-registration';
import { loadCase } from '../../eventstore/case-history';
import { executeCaseCommand } from '../../eventstore/case-commands';
import { submitApplication } from '../../eventstore/intake';
import { waitForProjections } from '../../projections/checkpoints';
import { fileDropReactor } from '../../workers/file-drop/file-drop';
import { openTestWriteSide, type TestWriteSide } from '../support/runtime';
import { runProjections } from '../support/projections';

/** File drops: batched CSV and fixed-width files, each whole or absent, with a manifest. */
describe('file drops for legacy systems', () => {
  let w: TestWriteSide;
  let dir: string;
  beforeAll(async () => {
    w = await openTestWriteSide('file_drop');
    dir = await mkdtemp(join(tmpdir(), 'casework-drop-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await w.close();
  });

  it('writes each batch of new applications and decisions as a file and a manifest, per service', async () => {
    const reactor = fileDropReactor(w.store, w.caseTypes, [
      {
        name: 'csp-ledger',
        directory: join(dir, 'csv'),
        format: 'csv',
        services: [carers.id],
        events: ['ApplicationSubmitted', 'DecisionRecorded'],
      },
      {
        name: 'all-legacy',
        directory: join(dir, 'fixed'),
        format: 'fixed-width',
        services: [],
        events: ['ApplicationSubmitted'],
      },
    ]);
    const runners = await runProjections(w.pool, w.store, w.db.schema, [reactor]);
    try {
      const actor = { id: 'mailroom', role: 'caseworker' };
      const claim = await submitApplication(w, {
        service: carers.id,
        channel: 'post',
        answers: { ...carers.example, firstName: 'Ann, "Annie"' },
        idempotencyKey: 'drop-1',
        actor,
      });
      const licence = await submitApplication(w, {
        service: waste.id,
        channel: 'web',
        answers: waste.example,
        idempotencyKey: 'drop-2',
        actor,
      });
      await executeCaseCommand(
        w,
        claim.caseId,
        { type: 'AssignCase', actor, at: '2026-03-03T09:00:00Z', assignee: 'carl' },
        { commandId: 'drop-assign' },
      );
      await executeCaseCommand(
        w,
        claim.caseId,
        {
          type: 'RecordDecision',
          actor,
          at: '2026-03-04T09:00:00Z',
          decisionId: randomUUID(),
          outcome: 'awarded',
          reasons: 'Meets the conditions',
        },
        { commandId: 'drop-decide' },
      );
      const { events } = await loadCase(w.store, claim.caseId);
      expect(
        await waitForProjections(
          w.pool,
          ['file-drop'],
          events[events.length - 1]!.position,
          10_000,
        ),
      ).toBe(true);

      const read = async (sub: string) => {
        const names = (await readdir(join(dir, sub))).sort();
        expect(names.filter((n) => n.startsWith('.'))).toEqual([]); // no temporary files left
        const files = names.filter((n) => !n.endsWith('.manifest.json'));
        return Promise.all(
          files.map(async (name) => {
            const content = await readFile(join(dir, sub, name), 'utf8');
            const manifest = JSON.parse(
              await readFile(join(dir, sub, `${name}.manifest.json`), 'utf8'),
            );
            expect(manifest.sha256).toBe(createHash('sha256').update(content).digest('hex'));
            return { content, manifest };
          }),
        );
      };
      const csv = await read('csv');
      const csvRecords = csv.reduce((n, f) => n + f.manifest.records, 0);
      expect(csvRecords).toBe(2); // the claim and its decision; the licence is another service
      const all = csv.map((f) => f.content).join('');
      expect(all).toContain(claim.reference);
      expect(all).toContain('"Ann, ""Annie"" Sample"');
      expect(all).toMatch(/DecisionRecorded,[^\r\n]*,awarded,/);
      expect(all).not.toContain(licence.reference);

      const fixed = await read('fixed');
      const lines = fixed.flatMap((f) => f.content.split('\n').filter((l) => l !== ''));
      expect(lines).toHaveLength(2);
      const width = fixed[0]!.manifest.columns.reduce(
        (n: number, c: { width: number }) => n + c.width,
        0,
      );
      expect(lines.every((l) => l.length === width)).toBe(true);
      expect(lines.some((l) => l.includes(licence.reference))).toBe(true);
    } finally {
      await runners.stop();
    }
  });
});

import { randomBytes } from 'node:crypto';
import {
  ERASED,
  eraseValues,
  erasedPersonal,
  personalFieldNames,
} from '../../domain/personal-data';
import { missingUpcasters, upcast } from '../../domain/upcasters';
import { localKeyProvider } from '../../eventstore/personal-data/key-provider';
import { open, seal } from '../../eventstore/personal-data/seal';
import { scrub } from '../../domain/personal-data';

describe('sealing a personal part', () => {
  const key = randomBytes(32);
  const event = { id: '0b4e28ba-2fa1-11d2-883f-0016d3cca427', type: 'ApplicationSubmitted' };
  const personal = { answers: { firstName: 'Morag', email: 'morag@example.com' } };

  it('round-trips, keeping only field names in the clear', () => {
    const sealed = seal(key, 'case-1', event, personal);
    expect(JSON.stringify(sealed)).not.toContain('Morag');
    expect(sealed.sealed.fields).toEqual(['firstName', 'email']);
    expect(open(key, event, sealed)).toEqual(personal);
  });

  it('refuses ciphertext that was altered or moved to another event', () => {
    const sealed = seal(key, 'case-1', event, personal);
    const flipped = Buffer.from(sealed.sealed.ciphertext, 'base64');
    flipped[0]! ^= 1;
    const altered = { sealed: { ...sealed.sealed, ciphertext: flipped.toString('base64') } };
    expect(() => open(key, event, altered)).toThrow();
    expect(() =>
      open(key, { ...event, id: 'ffffffff-2fa1-11d2-883f-0016d3cca427' }, sealed),
    ).toThrow();
    expect(() => open(randomBytes(32), event, sealed)).toThrow();
  });

  it('reads as erased, in the same shape, once the key is gone', () => {
    const sealed = seal(key, 'case-1', event, personal);
    expect(open(null, event, sealed)).toEqual({ answers: { firstName: ERASED, email: ERASED } });
    const amended = { id: event.id, type: 'AnswersAmended' };
    const changes = {
      changes: [{ field: 'email', before: 'a@example.com', after: 'b@example.com' }],
    };
    expect(open(null, amended, seal(key, 'case-1', amended, changes))).toEqual({
      changes: [{ field: 'email', before: ERASED, after: ERASED }],
    });
    expect(erasedPersonal('NoteAdded', personalFieldNames('NoteAdded', { text: 'x' }))).toEqual({
      text: ERASED,
    });
  });

  it('keeps what held nothing as nothing once erased, as the read models erase a case', () => {
    const rated = { id: event.id, type: 'SatisfactionRecorded' };
    const noComment = seal(key, 'case-1', rated, { comment: null });
    expect(open(null, rated, noComment)).toEqual({ comment: null });
    expect(open(null, rated, seal(key, 'case-1', rated, { comment: '' }))).toEqual({
      comment: ERASED,
    });
    expect(eraseValues({ comment: null, text: '' })).toEqual({ comment: null, text: ERASED });
    // Events sealed before empty fields were listed still read as erased.
    const { empty: _, ...older } = noComment.sealed;
    expect(open(null, rated, { sealed: older })).toEqual({ comment: ERASED });
  });
});

describe('wrapping data keys under the master key', () => {
  it('unwraps only for the same subject and master key', async () => {
    const provider = localKeyProvider(randomBytes(32));
    const dataKey = randomBytes(32);
    const wrapped = await provider.wrap(dataKey, 'case-1');
    expect(await provider.unwrap(wrapped, provider.keyId, 'case-1')).toEqual(dataKey);
    await expect(provider.unwrap(wrapped, provider.keyId, 'case-2')).rejects.toThrow();
    await expect(provider.unwrap(wrapped, 'local:another', 'case-1')).rejects.toThrow(/master key/);
    expect(() => localKeyProvider(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('upcasting stored events', () => {
  it('has an upcaster for every version step', () => {
    expect(missingUpcasters()).toEqual([]);
  });

  it('turns version 1 notes and satisfaction into the current shape', () => {
    expect(
      upcast('NoteAdded', { schemaVersion: 1, data: { noteId: 'n', text: 'Called' } }),
    ).toEqual({
      schemaVersion: 2,
      data: { noteId: 'n', personal: { text: 'Called' } },
    });
    expect(upcast('SatisfactionRecorded', { schemaVersion: 1, data: { rating: 3 } })).toEqual({
      schemaVersion: 2,
      data: { rating: 3, personal: { comment: null } },
    });
  });

  it('leaves current and foreign events alone, and refuses versions from the future', () => {
    const current = { schemaVersion: 2, data: { noteId: 'n', personal: { text: 'x' } } };
    expect(upcast('NoteAdded', current)).toEqual(current);
    const foreign = { schemaVersion: 7, data: {} };
    expect(upcast('ApplicationStarted', foreign)).toBe(foreign);
    expect(() => upcast('NoteAdded', { schemaVersion: 3, data: {} })).toThrow(/newer/);
  });
});

describe('scrubbing free text in logs', () => {
  it.each([
    ['Email morag.sample@example.com now', 'Email [email] now'],
    ['NINO AB 12 34 56 C and ab123456c', 'NINO [nino] and [nino]'],
    ['call 07700 900123 or +44 7700 900123', 'call [phone] or [phone]'],
    ['lives at G12 8QQ (or g128qq)', 'lives at [postcode] (or [postcode])'],
  ])('%s', (text, scrubbed) => expect(scrub(text)).toBe(scrubbed));

  it('leaves ids, references and times readable', () => {
    const text =
      'case 0b4e28ba-2fa1-11d2-883f-0016d3cca427 CSP-2026-000123 at 2026-03-02T10:00:00Z pos 0000000000001234/0000000001';
    expect(scrub(text)).toBe(text);
  });
});

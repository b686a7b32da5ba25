import fc from 'fast-check';
import {
  calendarDate,
  instant,
  instantTime,
  isStorableText,
  jsonShapeProblem,
  line,
  MAX_JSON_DEPTH,
  paragraphs,
  text,
} from './values';

const refusal = (
  schema: { safeParse(v: unknown): { success: boolean; error?: unknown } },
  value: unknown,
) => {
  const result = schema.safeParse(value) as
    { success: true; data: unknown } | { success: false; error: { issues: { message: string }[] } };
  return result.success ? undefined : result.error.issues.map((i) => i.message).join('; ');
};

describe('text', () => {
  it('refuses lone UTF-16 surrogates, which PostgreSQL cannot store, saying how to fix it', () => {
    for (const broken of ['\ud800Lone', 'Lone\udfff', 'a\udc00\ud800b']) {
      expect(refusal(line(100), broken)).toMatch(/broken character/);
      expect(refusal(paragraphs(100), broken)).toMatch(/broken character/);
    }
    expect(line(100).parse('Emoji 😀 whole')).toBe('Emoji 😀 whole');
  });

  it('keeps line breaks and tabs only in multi-line text; no other control character anywhere', () => {
    expect(paragraphs(100).parse('First line\r\nSecond\tline')).toBe('First line\nSecond\tline');
    expect(refusal(line(100), 'First\nsecond')).toMatch(/line breaks/);
    expect(refusal(line(100), 'a\tb')).toMatch(/tabs/);
    for (const control of ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u009f']) {
      expect(refusal(line(100), `a${control}b`)).toMatch(/control characters/);
      expect(refusal(paragraphs(100), `a${control}b`)).toMatch(/control characters/);
    }
  });

  it('stores the composed form (NFC), trimmed, so the same name typed two ways is one name', () => {
    expect(line(100).parse('  Pa\u0301draig ')).toBe('Pádraig');
    expect(line(100).parse('Pádraig')).toBe(line(100).parse('Pa\u0301draig'));
  });

  it('limits length, and refuses blank text unless it is optional', () => {
    expect(line(5).parse('abcde')).toBe('abcde');
    expect(refusal(line(5), 'abcdef')).toBe('Enter no more than 5 characters');
    expect(refusal(line(5), '   ')).toBe('Enter some text');
    expect(refusal(text({ max: 5, blank: 'Say why' }), '')).toBe('Say why');
    expect(line(5, false).parse('  ')).toBe('');
    expect(refusal(line(5), 42)).toBe('Enter text');
  });

  it('accepts only what PostgreSQL and every reader can store, whatever string arrives', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        const result = paragraphs(200).safeParse(s);
        if (result.success) {
          expect(result.data.isWellFormed()).toBe(true);
          expect(isStorableText(result.data)).toBe(true);
          expect(result.data).toBe(result.data.normalize('NFC'));
        }
      }),
      { numRuns: 2000, seed: 20261204 },
    );
  });
});

describe('dates', () => {
  it('accepts real dates in the window and refuses year 0, 9999 and impossible days', () => {
    const date = calendarDate({ earliest: '1900-01-01', latest: '2026-03-02' });
    expect(date.parse('2024-02-29')).toBe('2024-02-29');
    expect(refusal(date, '2026-02-29')).toMatch(/real date/);
    expect(refusal(date, '0000-01-01')).toMatch(/real date|on or after/);
    expect(refusal(date, '1899-12-31')).toBe('Enter a date on or after 1900-01-01');
    expect(refusal(date, '2026-03-03')).toBe('Enter a date on or before 2026-03-02');
    expect(refusal(calendarDate(), '9999-12-31')).toBe('Enter a date on or before 2100-12-31');
    expect(refusal(date, '2026-3-2')).toMatch(/YYYY-MM-DD/);
    expect(refusal(date, '+02026-03-02')).toMatch(/YYYY-MM-DD/);
  });
});

describe('instants', () => {
  it('reads only strict ISO 8601 with an offset: never what Date.parse also reads', () => {
    for (const loose of [
      '2026-03-02',
      '2026-03-02T10:00:00',
      '2026-03-02T10:00Z',
      '2026-03-02 10:00:00Z',
      '+002026-03-02T10:00:00Z',
      '-000001-01-01T00:00:00Z',
      '275760-09-13T00:00:00Z',
      '2026-02-30T10:00:00Z',
      '2026-03-02T24:00:00Z',
      '2026-03-02T10:00:00+15:00',
      'Mon, 02 Mar 2026 10:00:00 GMT',
    ]) {
      expect(Number.isNaN(instantTime(loose))).toBe(true);
      expect(refusal(instant(), loose)).toMatch(/ISO 8601/);
    }
    expect(instantTime('2026-03-02T10:00:00.123456789+01:00')).toBe(
      Date.parse('2026-03-02T09:00:00.123Z'),
    );
  });

  it('refuses year 0 and year 9999 as outside any window the back office records', () => {
    expect(refusal(instant(), '0000-01-01T00:00:00Z')).toBe(
      'Enter a time on or after 2000-01-01T00:00:00Z',
    );
    expect(refusal(instant(), '9999-12-31T23:59:59Z')).toBe(
      'Enter a time on or before 2100-12-31T23:59:59Z',
    );
  });
});

describe('JSON shape', () => {
  const nested = (depth: number): unknown => {
    let value: unknown = 'leaf';
    for (let i = 0; i < depth; i++) value = i % 2 ? { a: value } : [value];
    return value;
  };

  it('bounds depth without recursing, however deep the value', () => {
    expect(jsonShapeProblem(nested(MAX_JSON_DEPTH - 1))).toBeUndefined();
    expect(jsonShapeProblem(nested(MAX_JSON_DEPTH + 1))).toMatch(/nested more than 32/);
    expect(jsonShapeProblem(nested(200_000))).toMatch(/nested more than/);
  });

  it('bounds the number of values', () => {
    expect(
      jsonShapeProblem(
        Array.from({ length: 1000 }, () => 1),
        { nodes: 500 },
      ),
    ).toMatch(/more than 500 values/);
    expect(jsonShapeProblem({ a: [1, 2, { b: null }] })).toBeUndefined();
  });
});

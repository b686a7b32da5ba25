import { answerSchema, fieldSchema, type FieldInput } from './fields';

/** A field definition without its id and label, keeping each field type's own options. */
type Spec = FieldInput extends infer F
  ? F extends unknown
    ? Omit<F, 'id' | 'label'>
    : never
  : never;

const answer = (spec: Spec, value: unknown) =>
  answerSchema(fieldSchema.parse({ id: 'question', label: 'Question', ...spec })).safeParse(value);

/** Each row: what is typed in, and what is stored (or undefined when it must be refused). */
const expectAnswers = (spec: Spec, rows: [unknown, unknown][]) =>
  rows.forEach(([input, stored]) => {
    const result = answer(spec, input);
    if (stored === undefined) expect({ input, ok: result.success }).toEqual({ input, ok: false });
    else expect({ input, data: result.data }).toEqual({ input, data: stored });
  });

describe('field definitions', () => {
  it('are required and not personal unless they say so', () => {
    expect(fieldSchema.parse({ id: 'town', label: 'Town', type: 'text' })).toMatchObject({
      required: true,
      personal: false,
      maxLength: 200,
    });
  });

  it('have camelCase ids', () => {
    expect(fieldSchema.safeParse({ id: 'first-name', label: 'Name', type: 'text' }).success).toBe(
      false,
    );
  });

  it('offer at least two choices', () => {
    const options = [{ value: 'only', label: 'Only' }];
    expect(fieldSchema.safeParse({ id: 'c', label: 'C', type: 'choice', options }).success).toBe(
      false,
    );
  });
});

describe('UK postcodes', () => {
  it('are stored upper case with one space before the inward code', () =>
    expectAnswers({ type: 'ukPostcode' }, [
      ['SW1A 1AA', 'SW1A 1AA'],
      ['sw1a1aa', 'SW1A 1AA'],
      [' sw1a 1aa ', 'SW1A 1AA'],
      ['M1 1AE', 'M1 1AE'],
      ['b338th', 'B33 8TH'],
      ['CR2 6XH', 'CR2 6XH'],
      ['DN55 1PT', 'DN55 1PT'],
      ['EH6 7QD', 'EH6 7QD'],
      ['BT1 5GS', 'BT1 5GS'],
      ['GIR0AA', 'GIR 0AA'],
    ]));

  it('refuse what Royal Mail would never issue', () =>
    expectAnswers({ type: 'ukPostcode' }, [
      ['Q1 1AA', undefined], // Q never starts a postcode
      ['SW1A 1CA', undefined], // C never appears in the inward code
      ['SW1A', undefined],
      ['SW1A 1AAA', undefined],
      ['12345', undefined],
      ['SW1A-1AA', undefined],
      [12345, undefined],
    ]));
});

describe('National Insurance numbers', () => {
  it('are stored without spaces, upper case', () =>
    expectAnswers({ type: 'nino' }, [
      ['AB123456C', 'AB123456C'],
      ['ab 12 34 56 c', 'AB123456C'],
      ['JT 12 34 56 D', 'JT123456D'],
      ['OA 98 76 54 A', 'OA987654A'],
    ]));

  it('refuse prefixes HMRC never issues', () =>
    expectAnswers(
      { type: 'nino' },
      ['DA', 'FA', 'IA', 'QQ', 'UA', 'VA', 'AD', 'AF', 'AI', 'AO', 'AQ', 'AU', 'AV'].map((p) => [
        `${p}123456A`,
        undefined,
      ]),
    ));

  it('refuse the pairs that were never allocated', () =>
    expectAnswers(
      { type: 'nino' },
      ['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'].map((p) => [`${p}123456A`, undefined]),
    ));

  it('need six digits and a suffix of A to D', () =>
    expectAnswers({ type: 'nino' }, [
      ['AB123456E', undefined],
      ['AB123456', undefined],
      ['AB12345C', undefined],
      ['AB1234567C', undefined],
    ]));
});

describe('UK phone numbers', () => {
  it('are stored in +44 form whichever way they are written', () =>
    expectAnswers({ type: 'ukPhone' }, [
      ['07700 900123', '+447700900123'],
      ['07700900123', '+447700900123'],
      ['+44 7700 900123', '+447700900123'],
      ['0044 7700 900123', '+447700900123'],
      ['(01632) 960123', '+441632960123'],
      ['020 7946 0123', '+442079460123'],
      ['0113-496-0123', '+441134960123'],
    ]));

  it('refuse numbers that are not UK numbers', () =>
    expectAnswers({ type: 'ukPhone' }, [
      ['+1 202 555 0123', undefined],
      ['0770090', undefined],
      ['00 7700 900123', undefined],
      ['07700 900123 ext 4', undefined],
      ['call me', undefined],
    ]));
});

describe('money', () => {
  it('is stored as whole pence', () =>
    expectAnswers({ type: 'money' }, [
      ['£1,234.56', 123456],
      ['1234.56', 123456],
      ['12', 1200],
      [12, 1200],
      [12.5, 1250],
      ['£0.99', 99],
      ['£ 5', 500],
      ['0', 0],
    ]));

  it('refuses fractions of a penny and malformed amounts', () =>
    expectAnswers({ type: 'money' }, [
      ['12.345', undefined],
      [12.345, undefined],
      ['1,23', undefined],
      ['-5', undefined],
      ['twelve pounds', undefined],
      ['£12.3.4', undefined],
    ]));

  it('keeps within the limits the service sets', () =>
    expectAnswers({ type: 'money', minPence: 100, maxPence: 9200 }, [
      ['0.99', undefined],
      ['1', 100],
      ['92', 9200],
      ['92.01', undefined],
    ]));
});

describe('yes or no answers', () => {
  it('accept the ways paper and legacy systems write them', () =>
    expectAnswers({ type: 'yesNo' }, [
      [true, true],
      [false, false],
      ['yes', true],
      ['Yes', true],
      ['YES', true],
      ['y', true],
      ['true', true],
      ['no', false],
      ['N', false],
      ['false', false],
    ]));

  it('refuse anything else', () =>
    expectAnswers({ type: 'yesNo' }, [
      ['maybe', undefined],
      [1, undefined],
      ['', undefined],
    ]));
});

describe('dates', () => {
  it('are real ISO calendar dates', () =>
    expectAnswers({ type: 'date' }, [
      ['2026-03-27', '2026-03-27'],
      ['2024-02-29', '2024-02-29'],
      ['2023-02-29', undefined],
      ['2026-13-01', undefined],
      ['2026-04-31', undefined],
      ['27/03/2026', undefined],
    ]));

  it('keep within the earliest and latest dates', () =>
    expectAnswers({ type: 'date', earliest: '1900-01-01', latest: '2026-12-31' }, [
      ['1899-12-31', undefined],
      ['1900-01-01', '1900-01-01'],
      ['2026-12-31', '2026-12-31'],
      ['2027-01-01', undefined],
    ]));
});

describe('numbers', () => {
  it('accept numbers and plain decimal text', () =>
    expectAnswers({ type: 'number' }, [
      [12, 12],
      ['12', 12],
      [' 12.5 ', 12.5],
      ['-3', -3],
      ['1e3', undefined],
      ['twelve', undefined],
      [Number.NaN, undefined],
    ]));

  it('keep to whole numbers and limits when asked', () =>
    expectAnswers({ type: 'number', integer: true, min: 0, max: 168 }, [
      ['35', 35],
      [2.5, undefined],
      [-1, undefined],
      [169, undefined],
    ]));
});

describe('text', () => {
  it('is trimmed and accepts any language', () =>
    expectAnswers({ type: 'text' }, [
      ['  Morag  ', 'Morag'],
      ['Siân Ó Briain 👍', 'Siân Ó Briain 👍'],
      ['Łukasz Wiśniewski', 'Łukasz Wiśniewski'],
      ["O'Brien-Patel", "O'Brien-Patel"],
    ]));

  it('refuses blanks, control characters and overlong answers', () =>
    expectAnswers({ type: 'text', maxLength: 10 }, [
      ['   ', undefined],
      ['a\u0000b', undefined],
      ['bell\u0007', undefined],
      ['del\u007f', undefined],
      ['escape\u001b', undefined],
      ['eleven char', undefined],
    ]));

  it('keeps line breaks and tabs in long answers', () =>
    expectAnswers({ type: 'longText' }, [['Line one\n\tLine two', 'Line one\n\tLine two']]));
});

describe('email addresses', () => {
  it('need a name, an @ and a domain', () =>
    expectAnswers({ type: 'email' }, [
      [' morag.sample@example.com ', 'morag.sample@example.com'],
      ['name@example', undefined],
      ['name example.com', undefined],
      ['@example.com', undefined],
    ]));
});

describe('choices', () => {
  it('accept an option value, not its label', () =>
    expectAnswers(
      {
        type: 'choice',
        options: [
          { value: 'upper', label: 'Upper tier' },
          { value: 'lower', label: 'Lower tier' },
        ],
      },
      [
        ['upper', 'upper'],
        ['Upper tier', undefined],
      ],
    ));
});

describe('UK addresses', () => {
  const address = { line1: '14 Example Street', town: 'Glasgow', postcode: 'g12 8qq' };

  it('are stored with a normalised postcode', () =>
    expect(answer({ type: 'ukAddress' }, address).data).toEqual({
      ...address,
      postcode: 'G12 8QQ',
    }));

  it('report each problem at its line', () => {
    const result = answer({ type: 'ukAddress' }, { line1: '', postcode: 'nope', extra: 'x' });
    expect(result.error?.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining([['line1'], ['town'], ['postcode'], []]),
    );
  });
});

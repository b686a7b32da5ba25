import { CALENDARS, type CalendarRegion } from '../case-type';
import {
  addWorkingDays,
  bankHolidays,
  calendarCovers,
  isWorkingDay,
  londonDate,
  workingDaysBetween,
} from './working-days';

const FIRST_YEAR = 2020;
const LAST_YEAR = 2030;
const DAY_MS = 86_400_000;

const nextDay = (isoDate: string): string =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

const weekday = (isoDate: string): number => new Date(`${isoDate}T00:00:00Z`).getUTCDay();

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
const seededRandom = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

describe('which days are bank holidays in which region', () => {
  const EW = 'england-and-wales';
  const SC = 'scotland';
  const NI = 'northern-ireland';

  test.each([
    ['2026-04-03', 'Good Friday', [EW, SC, NI]],
    ['2026-04-06', 'Easter Monday, not a holiday in Scotland', [EW, NI]],
    ['2026-08-03', 'Scottish summer bank holiday (first Monday in August)', [SC]],
    ['2026-08-31', 'summer bank holiday elsewhere (last Monday in August)', [EW, NI]],
    ['2026-03-17', 'St Patrick’s Day', [NI]],
    ['2026-07-13', 'Battle of the Boyne, substitute for Sunday 12 July', [NI]],
    ['2025-07-14', 'Battle of the Boyne, substitute for Saturday 12 July', [NI]],
    ['2024-03-18', 'St Patrick’s Day, substitute for Sunday 17 March', [NI]],
    ['2026-11-30', 'St Andrew’s Day', [SC]],
    ['2024-12-02', 'St Andrew’s Day, substitute for Saturday 30 November', [SC]],
    ['2026-06-15', 'Scotland’s one-off World Cup bank holiday', [SC]],
    ['2026-12-28', 'Boxing Day 2026, substitute for Saturday 26 December', [EW, SC, NI]],
    ['2027-12-27', 'Christmas Day 2027, substitute for Saturday', [EW, SC, NI]],
    ['2027-12-28', 'Boxing Day 2027, substitute for Sunday', [EW, SC, NI]],
    ['2021-12-27', 'Christmas Day 2021, substitute for Saturday', [EW, SC, NI]],
    ['2021-12-28', 'Boxing Day 2021, substitute for Sunday', [EW, SC, NI]],
    [
      '2022-12-27',
      'Christmas Day 2022, substitute for Sunday (Boxing Day is the Monday)',
      [EW, SC, NI],
    ],
    ['2022-01-03', 'New Year’s Day 2022, substitute for Saturday', [EW, SC, NI]],
    ['2022-01-04', '2nd January 2022, substitute for Sunday', [SC]],
    ['2023-01-03', '2nd January 2023, pushed on by New Year’s substitute Monday', [SC]],
    ['2020-05-08', 'early May bank holiday moved to Friday for VE Day', [EW, SC, NI]],
    ['2022-06-02', 'spring bank holiday moved for the Platinum Jubilee', [EW, SC, NI]],
    ['2022-06-03', 'Platinum Jubilee bank holiday', [EW, SC, NI]],
    ['2022-09-19', 'State Funeral of Queen Elizabeth II', [EW, SC, NI]],
    ['2023-05-08', 'Coronation of King Charles III', [EW, SC, NI]],
    ['2030-12-02', 'St Andrew’s Day 2030 (projected), substitute for Saturday', [SC]],
  ])('%s (%s) is a holiday in exactly %j', (date, _why, regions) => {
    for (const region of CALENDARS) {
      expect([region, isWorkingDay(region, date)]).toEqual([region, !regions.includes(region)]);
    }
  });

  test.each([
    ['2020-05-04', 'the Monday VE Day replaced'],
    ['2022-05-30', 'the last Monday of May 2022, whose holiday moved to June'],
    ['2026-06-02', 'an ordinary Tuesday'],
  ])('%s (%s) is a working day everywhere', (date) => {
    for (const region of CALENDARS) expect(isWorkingDay(region, date)).toBe(true);
  });

  test('weekends are never working days', () => {
    for (const region of CALENDARS) {
      expect(isWorkingDay(region, '2026-06-06')).toBe(false);
      expect(isWorkingDay(region, '2026-06-07')).toBe(false);
    }
  });
});

describe('the bank holiday data', () => {
  const REGULAR_PER_YEAR: Record<CalendarRegion, number> = {
    'england-and-wales': 8,
    scotland: 9,
    'northern-ireland': 10,
  };
  const ONE_OFFS: Record<CalendarRegion, string[]> = {
    'england-and-wales': ['2022-06-03', '2022-09-19', '2023-05-08'],
    scotland: ['2022-06-03', '2022-09-19', '2023-05-08', '2026-06-15'],
    'northern-ireland': ['2022-06-03', '2022-09-19', '2023-05-08'],
  };
  const years = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);

  describe.each(CALENDARS)('for %s', (region) => {
    const dates = bankHolidays(region).map((h) => h.date);

    test.each(years)('has the regular holidays plus any one-off ones in %i', (year) => {
      const inYear = (date: string) => date.startsWith(`${year}-`);
      expect(dates.filter(inYear)).toHaveLength(
        REGULAR_PER_YEAR[region] + ONE_OFFS[region].filter(inYear).length,
      );
    });

    test('lists each holiday once, in date order, each a real date with a title', () => {
      expect([...dates].sort()).toEqual(dates);
      expect(new Set(dates).size).toBe(dates.length);
      for (const holiday of bankHolidays(region)) {
        expect(calendarCovers(holiday.date)).toBe(true);
        expect(holiday.title).not.toBe('');
      }
    });

    test('puts no holiday on a weekend (weekend ones have substitute days)', () => {
      expect(dates.filter((date) => [0, 6].includes(weekday(date)))).toEqual([]);
    });

    test('makes every listed holiday a non-working day', () => {
      expect(dates.filter((date) => isWorkingDay(region, date))).toEqual([]);
    });
  });

  test.each([
    ['england-and-wales', 253],
    ['scotland', 251],
    ['northern-ireland', 251],
  ] as const)('2026 has 261 weekdays, of which %s works %i', (region, working) => {
    expect(workingDaysBetween(region, '2025-12-31', '2026-12-31')).toBe(working);
  });

  test('covers exactly 2020 to 2030', () => {
    expect(calendarCovers('2020-01-01')).toBe(true);
    expect(calendarCovers('2030-12-31')).toBe(true);
    expect(calendarCovers('2019-12-31')).toBe(false);
    expect(calendarCovers('2031-01-01')).toBe(false);
  });
});

describe('adding working days', () => {
  test('the next working day after a Friday is the Monday', () => {
    expect(addWorkingDays('england-and-wales', '2026-06-05', 1)).toBe('2026-06-08');
  });

  test('counting from a weekend starts with the next working day', () => {
    expect(addWorkingDays('england-and-wales', '2026-06-06', 1)).toBe('2026-06-08');
    expect(addWorkingDays('england-and-wales', '2026-06-07', 5)).toBe('2026-06-12');
  });

  test('zero days is the day itself if it is a working day, else the next working day', () => {
    expect(addWorkingDays('england-and-wales', '2026-06-03', 0)).toBe('2026-06-03');
    expect(addWorkingDays('england-and-wales', '2026-06-06', 0)).toBe('2026-06-08');
    expect(addWorkingDays('england-and-wales', '2026-12-25', 0)).toBe('2026-12-29');
  });

  test('a week of working days from a Wednesday is the next Wednesday', () => {
    expect(addWorkingDays('scotland', '2026-06-03', 5)).toBe('2026-06-10');
  });

  test('Christmas, Boxing Day and their substitutes are skipped', () => {
    expect(addWorkingDays('england-and-wales', '2026-12-24', 1)).toBe('2026-12-29');
    expect(addWorkingDays('england-and-wales', '2027-12-24', 1)).toBe('2027-12-29');
    expect(addWorkingDays('england-and-wales', '2026-12-01', 20)).toBe('2026-12-31');
    expect(addWorkingDays('england-and-wales', '2026-12-01', 21)).toBe('2027-01-04');
  });

  test('Scotland also skips 2nd January', () => {
    expect(addWorkingDays('england-and-wales', '2021-12-31', 1)).toBe('2022-01-04');
    expect(addWorkingDays('scotland', '2021-12-31', 1)).toBe('2022-01-05');
  });

  test('Easter skips Good Friday everywhere but Easter Monday only outside Scotland', () => {
    expect(addWorkingDays('england-and-wales', '2026-04-02', 1)).toBe('2026-04-07');
    expect(addWorkingDays('northern-ireland', '2026-04-02', 1)).toBe('2026-04-07');
    expect(addWorkingDays('scotland', '2026-04-02', 1)).toBe('2026-04-06');
  });

  test('a negative or fractional number of days is refused', () => {
    expect(() => addWorkingDays('scotland', '2026-06-03', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('scotland', '2026-06-03', 1.5)).toThrow(RangeError);
  });
});

describe('counting working days between two dates', () => {
  test('counts the days after the first date up to and including the second', () => {
    expect(workingDaysBetween('england-and-wales', '2026-06-03', '2026-06-03')).toBe(0);
    expect(workingDaysBetween('england-and-wales', '2026-06-05', '2026-06-08')).toBe(1);
    expect(workingDaysBetween('england-and-wales', '2026-06-06', '2026-06-07')).toBe(0);
    expect(workingDaysBetween('england-and-wales', '2026-06-01', '2026-06-05')).toBe(4);
    expect(workingDaysBetween('england-and-wales', '2026-12-24', '2026-12-29')).toBe(1);
  });

  test('is negative when the second date is before the first', () => {
    expect(workingDaysBetween('england-and-wales', '2026-12-29', '2026-12-24')).toBe(-1);
    expect(workingDaysBetween('england-and-wales', '2026-06-05', '2026-06-01')).toBe(-4);
  });

  test('undoes addWorkingDays, which agrees with counting day by day', () => {
    const random = seededRandom(20260601);
    const firstDay = Date.UTC(FIRST_YEAR, 0, 1);
    const span = (Date.UTC(LAST_YEAR, 5, 30) - firstDay) / DAY_MS;
    for (let i = 0; i < 2000; i++) {
      const region = CALENDARS[Math.floor(random() * CALENDARS.length)]!;
      const start = new Date(firstDay + Math.floor(random() * span) * DAY_MS)
        .toISOString()
        .slice(0, 10);
      const n = 1 + Math.floor(random() * 120);

      const end = addWorkingDays(region, start, n);

      expect([region, start, n, workingDaysBetween(region, start, end)]).toEqual([
        region,
        start,
        n,
        n,
      ]);
      let counted = 0;
      let day = start;
      while (counted < n) {
        day = nextDay(day);
        if (isWorkingDay(region, day)) counted++;
      }
      expect([region, start, n, end]).toEqual([region, start, n, day]);
    }
  });
});

describe('the date in London', () => {
  test.each([
    ['2026-06-01T23:30:00Z', '2026-06-02', 'late evening UTC in summer is the next day in BST'],
    ['2026-01-15T23:30:00Z', '2026-01-15', 'in winter London keeps GMT'],
    ['2026-03-28T23:30:00Z', '2026-03-28', 'the night before clocks go forward is still GMT'],
    ['2026-03-29T23:30:00Z', '2026-03-30', 'from 29 March 2026 it is BST'],
    ['2026-10-24T23:30:00Z', '2026-10-25', 'the night before clocks go back is still BST'],
    ['2026-10-25T23:30:00Z', '2026-10-25', 'from 25 October 2026 it is GMT again'],
    ['2026-06-01T23:30:00+01:00', '2026-06-01', 'an explicit offset is honoured'],
  ])('%s is %s in London (%s)', (instant, date) => {
    expect(londonDate(instant)).toBe(date);
    expect(londonDate(new Date(instant))).toBe(date);
  });

  test('refuses text that is no instant, or has no UTC offset to place it', () => {
    expect(() => londonDate('not a date')).toThrow(RangeError);
    expect(() => londonDate('2026-06-01T23:30:00')).toThrow(RangeError);
    expect(() => londonDate(new Date(NaN))).toThrow(RangeError);
  });
});

describe('dates the data cannot answer for', () => {
  test.each(['2019-12-31', '2031-01-01'])('refuses %s rather than guess', (date) => {
    expect(() => isWorkingDay('england-and-wales', date)).toThrow(RangeError);
    expect(() => isWorkingDay('england-and-wales', date)).toThrow(/2020-2030/);
    expect(() => addWorkingDays('scotland', date, 1)).toThrow(RangeError);
    expect(() => workingDaysBetween('northern-ireland', '2026-01-01', date)).toThrow(RangeError);
  });

  test('refuses a count that would run past the end of the data', () => {
    expect(addWorkingDays('england-and-wales', '2030-12-20', 4)).toBe('2030-12-30');
    expect(() => addWorkingDays('england-and-wales', '2030-12-20', 10)).toThrow(RangeError);
  });

  test.each(['2026-02-30', '2026-6-1', '01/06/2026', ''])('refuses %j as no date', (text) => {
    expect(() => isWorkingDay('scotland', text)).toThrow(RangeError);
    expect(() => calendarCovers(text)).toThrow(RangeError);
  });
});

import type { Page } from 'playwright-core';

/** Types each value into the field with that id. */
export const fill = async (page: Page, values: Record<string, string>) => {
  for (const [id, value] of Object.entries(values)) await page.locator(`#${id}`).fill(value);
};

const date = (field: string, day: string, month: string, year: string) => ({
  [`answers-${field}`]: day,
  [`answers-${field}-month`]: month,
  [`answers-${field}-year`]: year,
});

/**
 * The typed answers of a Carer Support Payment form as a caseworker keys a phone call:
 * the carer and the person cared for share `lastName`.
 */
export const carerAnswers = ({
  lastName,
  nationalInsuranceNumber = 'AB 12 34 56 C',
}: {
  lastName: string;
  nationalInsuranceNumber?: string;
}) => ({
  'answers-firstName': 'Morven',
  'answers-lastName': lastName,
  ...date('dateOfBirth', '12', '4', '1968'),
  'answers-nationalInsuranceNumber': nationalInsuranceNumber,
  'answers-address-line1': '14 Example Street',
  'answers-address-town': 'Glasgow',
  'answers-address-postcode': 'G12 8QQ',
  'answers-phone': '07700 900123',
  'answers-weeklyEarnings': '120',
  'answers-caredForFirstName': 'Dougal',
  'answers-caredForLastName': lastName,
  ...date('caredForDateOfBirth', '30', '9', '1940'),
  'answers-caredForAddress-line1': '3 Example Wynd',
  'answers-caredForAddress-town': 'Paisley',
  'answers-caredForAddress-postcode': 'PA1 2BX',
});

/** The choices of the same form: cares 35 hours, not studying, not self-employed, a parent. */
export const chooseCarerAnswers = async (page: Page) => {
  await page.locator('#answers-cares35HoursOrMore').check();
  await page.locator('#answers-fullTimeEducation-2').check();
  await page.locator('#answers-selfEmployed-2').check();
  await page.getByLabel('Parent', { exact: true }).check();
};

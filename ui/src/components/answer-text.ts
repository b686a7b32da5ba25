import { formatDate } from '../format';
import type { FormField } from './service-form';

/**
 * An answer as stored (normalised by the intake: ISO dates, whole pence, booleans,
 * address objects) written for people. Erased personal data reads as stored: "[erased]".
 */
const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

export const answerText = (field: FormField | undefined, value: unknown): string => {
  if (value === undefined || value === null || value === '') return 'Not given';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'object') {
    return Object.values(value as Record<string, unknown>)
      .filter((part) => part !== undefined && part !== null && part !== '')
      .join(', ');
  }
  switch (field?.type) {
    case 'money':
      return typeof value === 'number' ? pounds.format(value / 100) : String(value);
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(String(value)) ? formatDate(String(value)) : String(value);
    case 'choice':
      return field.options?.find((o) => o.value === value)?.label ?? String(value);
    default:
      return String(value);
  }
};

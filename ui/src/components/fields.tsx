import type { ReactNode } from 'react';
import { describedBy, Fieldset, LabelledField, type FieldProps } from './field-parts';
import { useDesignSystem } from './use-design-system';

/**
 * GOV.UK form fields: label, hint, error message and the input, with the error state on
 * the form group and the hint and error tied to the input by aria-describedby.
 */
export const TextInput = ({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  name = id,
  width,
  type = 'text',
  autoComplete,
  spellCheck,
}: FieldProps & {
  value: string;
  onChange: (value: string) => void;
  name?: string;
  width?: 2 | 3 | 4 | 5 | 10 | 20 | 30;
  type?: 'text' | 'email' | 'tel' | 'search';
  autoComplete?: string;
  spellCheck?: boolean;
}) => (
  <LabelledField id={id} label={label} hint={hint} error={error}>
    <input
      className={`govuk-input${width ? ` govuk-input--width-${width}` : ''}${error ? ' govuk-input--error' : ''}`}
      id={id}
      name={name}
      type={type}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-describedby={describedBy(id, hint, error)}
      autoComplete={autoComplete}
      spellCheck={spellCheck}
    />
  </LabelledField>
);

export const Textarea = ({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  rows = 5,
}: FieldProps & { value: string; onChange: (value: string) => void; rows?: number }) => (
  <LabelledField id={id} label={label} hint={hint} error={error}>
    <textarea
      className={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
      id={id}
      name={id}
      rows={rows}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-describedby={describedBy(id, hint, error)}
    />
  </LabelledField>
);

export interface Option {
  value: string;
  label: string;
  hint?: string;
}

/** The id of each choice: the first is the field's id, so an error summary link lands on it. */
const optionId = (id: string, index: number) => (index === 0 ? id : `${id}-${index + 1}`);

/** One radio or checkbox with its label, and (radios only) its hint. */
const ChoiceItem = ({
  kind,
  id,
  name,
  option,
  hint,
  checked,
  onChange,
}: {
  kind: 'radios' | 'checkboxes';
  id: string;
  name: string;
  option: Option;
  hint?: string | undefined;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) => (
  <div className={`govuk-${kind}__item`}>
    <input
      className={`govuk-${kind}__input`}
      id={id}
      name={name}
      type={kind === 'radios' ? 'radio' : 'checkbox'}
      value={option.value}
      checked={checked}
      onChange={(e) => onChange(e.target.checked)}
      aria-describedby={hint ? `${id}-hint` : undefined}
    />
    <label className={`govuk-label govuk-${kind}__label`} htmlFor={id}>
      {option.label}
    </label>
    {hint && (
      <div id={`${id}-hint`} className={`govuk-hint govuk-${kind}__hint`}>
        {hint}
      </div>
    )}
  </div>
);

export const Radios = ({
  id,
  legend,
  hint,
  error,
  options,
  value,
  onChange,
  inline = false,
  small = false,
  legendClass,
}: Omit<FieldProps, 'label'> & {
  legend: ReactNode;
  options: Option[];
  value: string;
  onChange: (value: string) => void;
  inline?: boolean;
  small?: boolean;
  legendClass?: string;
}) => {
  const ref = useDesignSystem<HTMLDivElement>();
  const classes = [
    'govuk-radios',
    inline && 'govuk-radios--inline',
    small && 'govuk-radios--small',
  ];
  return (
    <Fieldset id={id} legend={legend} hint={hint} error={error} legendClass={legendClass}>
      <div ref={ref}>
        <div className={classes.filter(Boolean).join(' ')} data-module="govuk-radios">
          {options.map((option, i) => (
            <ChoiceItem
              key={option.value}
              kind="radios"
              id={optionId(id, i)}
              name={id}
              option={option}
              hint={option.hint}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
          ))}
        </div>
      </div>
    </Fieldset>
  );
};

export const Checkboxes = ({
  id,
  legend,
  hint,
  error,
  options,
  values,
  onChange,
  small = false,
  legendClass,
}: Omit<FieldProps, 'label'> & {
  legend: ReactNode;
  options: Option[];
  values: string[];
  onChange: (values: string[]) => void;
  small?: boolean;
  legendClass?: string;
}) => (
  <Fieldset id={id} legend={legend} hint={hint} error={error} legendClass={legendClass}>
    <div className={`govuk-checkboxes${small ? ' govuk-checkboxes--small' : ''}`}>
      {options.map((option, i) => (
        <ChoiceItem
          key={option.value}
          kind="checkboxes"
          id={optionId(id, i)}
          name={id}
          option={option}
          checked={values.includes(option.value)}
          onChange={(checked) =>
            onChange(checked ? [...values, option.value] : values.filter((v) => v !== option.value))
          }
        />
      ))}
    </div>
  </Fieldset>
);

export const Select = ({
  id,
  label,
  hint,
  error,
  options,
  value,
  onChange,
}: FieldProps & { options: Option[]; value: string; onChange: (value: string) => void }) => (
  <LabelledField id={id} label={label} hint={hint} error={error}>
    <select
      className={`govuk-select${error ? ' govuk-select--error' : ''}`}
      id={id}
      name={id}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-describedby={describedBy(id, hint, error)}
    >
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  </LabelledField>
);

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export const EMPTY_DATE: DateParts = { day: '', month: '', year: '' };

/** `YYYY-MM-DD` from the three boxes, '' when all are empty, or null when it is not a date. */
export const isoDate = ({ day, month, year }: DateParts): string | null => {
  if (!day && !month && !year) return '';
  const iso = `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  // An impossible date (month 13, day 0) is an Invalid Date, whose toISOString throws.
  const real = !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(iso);
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && real ? iso : null;
};

export const dateParts = (iso: string | null | undefined): DateParts => {
  const [year = '', month = '', day = ''] = (iso ?? '').split('-');
  return { day, month, year };
};

/** The day box takes the field's id, so an error summary link lands on it. */
const datePartId = (id: string, part: keyof DateParts) => (part === 'day' ? id : `${id}-${part}`);

/** The GOV.UK date input: day, month and year boxes. */
export const DateInput = ({
  id,
  legend,
  hint,
  error,
  value,
  onChange,
  legendClass,
}: Omit<FieldProps, 'label'> & {
  legend: ReactNode;
  value: DateParts;
  onChange: (value: DateParts) => void;
  legendClass?: string;
}) => (
  <Fieldset id={id} legend={legend} hint={hint} error={error} legendClass={legendClass}>
    <div className="govuk-date-input" id={`${id}-input`}>
      {(['day', 'month', 'year'] as const).map((part) => (
        <div className="govuk-date-input__item" key={part}>
          <div className="govuk-form-group">
            <label className="govuk-label govuk-date-input__label" htmlFor={datePartId(id, part)}>
              {part[0]!.toUpperCase() + part.slice(1)}
            </label>
            <input
              className={`govuk-input govuk-date-input__input govuk-input--width-${part === 'year' ? 4 : 2}${error ? ' govuk-input--error' : ''}`}
              id={datePartId(id, part)}
              name={`${id}-${part}`}
              type="text"
              inputMode="numeric"
              value={value[part]}
              onChange={(e) => onChange({ ...value, [part]: e.target.value.trim() })}
            />
          </div>
        </div>
      ))}
    </div>
  </Fieldset>
);

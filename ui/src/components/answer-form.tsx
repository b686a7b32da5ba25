import { useState } from 'react';
import { DateInput, Radios, Select, Textarea, TextInput, type DateParts } from './fields';
import {
  answerId,
  askedFields,
  initialValues,
  type AddressParts,
  type AnswerValue,
  type AnswerValues,
  type FormField,
  type ServiceForm,
} from './service-form';

/**
 * A service's questions drawn from its schema, each with the GOV.UK component for its
 * type, grouped under its section's heading. Questions asked only after another answer
 * appear once that answer is given. Errors are keyed by control id (`answerId`).
 */
interface Props {
  form: ServiceForm;
  values: AnswerValues;
  onChange: (fieldId: string, value: AnswerValue) => void;
  errors: Record<string, string>;
  /** Heading level of the section titles. */
  headingLevel?: 2 | 3;
}

/** More options than this are a select, fewer are radios (GOV.UK prefers radios). */
const MOST_RADIOS = 8;

const YES_NO = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

/** Codes, numbers and contact details: spell-checking them only adds noise, and autofill would offer the caseworker's own. */
const NOT_PROSE = { spellCheck: false, autoComplete: 'off' } as const;

const labelOf = (field: FormField) => (field.required ? field.label : `${field.label} (optional)`);

const ADDRESS_LINES: { part: keyof AddressParts; label: string; width?: 10 | 20 }[] = [
  { part: 'line1', label: 'Address line 1' },
  { part: 'line2', label: 'Address line 2 (optional)' },
  { part: 'town', label: 'Town or city', width: 20 },
  { part: 'county', label: 'County (optional)', width: 20 },
  { part: 'postcode', label: 'Postcode', width: 10 },
];

/** The GOV.UK address pattern: one fieldset, a box per line. */
const AddressInput = ({
  field,
  value,
  onChange,
  errors,
}: {
  field: FormField;
  value: AddressParts;
  onChange: (value: AddressParts) => void;
  errors: Record<string, string>;
}) => {
  const id = answerId(field.id);
  const hasError = ADDRESS_LINES.some(({ part }) => errors[answerId(field.id, part)]);
  return (
    <div className={`govuk-form-group${hasError ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" aria-describedby={field.hint ? `${id}-hint` : undefined}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
          {labelOf(field)}
        </legend>
        {field.hint && (
          <div id={`${id}-hint`} className="govuk-hint">
            {field.hint}
          </div>
        )}
        {ADDRESS_LINES.map(({ part, label, width }) => (
          <TextInput
            key={part}
            id={answerId(field.id, part)}
            label={label}
            width={width}
            value={value[part]}
            error={errors[answerId(field.id, part)]}
            onChange={(text) => onChange({ ...value, [part]: text })}
            autoComplete="off"
          />
        ))}
      </fieldset>
    </div>
  );
};

const Question = ({
  field,
  value,
  onChange,
  error,
  errors,
}: {
  field: FormField;
  value: AnswerValue;
  onChange: (value: AnswerValue) => void;
  error: string | undefined;
  errors: Record<string, string>;
}) => {
  const common = { id: answerId(field.id), hint: field.hint ?? undefined, error };
  const text = value as string;
  // Most questions take a typed answer under a label, or a choice under a legend.
  const typed = { ...common, label: labelOf(field), value: text, onChange };
  const chosen = { ...common, legend: labelOf(field), value: text, onChange };
  switch (field.type) {
    case 'longText':
      return <Textarea {...typed} />;
    case 'date':
      return (
        <DateInput
          {...common}
          hint={field.hint ?? 'For example, 27 3 2007'}
          legend={labelOf(field)}
          value={value as DateParts}
          onChange={onChange}
        />
      );
    case 'yesNo':
      return <Radios {...chosen} options={YES_NO} inline />;
    case 'choice': {
      const options = field.options ?? [];
      return options.length > MOST_RADIOS ? (
        <Select {...typed} options={[{ value: '', label: 'Choose an answer' }, ...options]} />
      ) : (
        <Radios {...chosen} options={options} />
      );
    }
    case 'ukAddress':
      return (
        <AddressInput
          field={field}
          value={value as AddressParts}
          onChange={onChange}
          errors={errors}
        />
      );
    case 'money':
      return (
        <TextInput {...typed} hint={field.hint ?? 'In pounds and pence, like 125.50'} width={10} />
      );
    case 'number':
    case 'ukPostcode':
    case 'nino':
      return <TextInput {...typed} width={10} {...NOT_PROSE} />;
    case 'email':
    case 'ukPhone':
      return (
        <TextInput
          {...typed}
          width={20}
          type={field.type === 'email' ? 'email' : 'tel'}
          {...NOT_PROSE}
        />
      );
    case 'text':
      return <TextInput {...typed} />;
  }
};

export const AnswerForm = ({ form, values, onChange, errors, headingLevel = 2 }: Props) => {
  const asked = askedFields(form, values);
  const Heading = `h${headingLevel}` as const;
  return (
    <>
      {form.sections.map((section) => (
        <section key={section.id} aria-labelledby={`section-${section.id}`}>
          <Heading className="govuk-heading-m" id={`section-${section.id}`}>
            {section.title}
          </Heading>
          {section.fields
            .filter((field) => asked.has(field.id))
            .map((field) => (
              <Question
                key={field.id}
                field={field}
                value={values[field.id]!}
                onChange={(value) => onChange(field.id, value)}
                error={errors[answerId(field.id)]}
                errors={errors}
              />
            ))}
        </section>
      ))}
    </>
  );
};

/** The answers an AnswerForm edits, started from `given` (a row, a case's answers), and their change handler. */
export const useAnswers = (form: ServiceForm, given?: Record<string, unknown>) => {
  const [values, setValues] = useState(() => initialValues(form, given));
  const onChange = (fieldId: string, value: AnswerValue) =>
    setValues((v) => ({ ...v, [fieldId]: value }));
  return { values, onChange };
};

import type { CaseType, NotificationTrigger } from '../../domain/case-type';
import { applicantName } from '../../domain/case-type';
import type { CaseState } from '../../domain/case-state';
import type { UkAddress } from '../../domain/fields';
import type { StoredEvent } from '../../eventstore/port';

/**
 * What to send the applicant, and how: email if they gave an address, else a text
 * message, else a letter — whichever the service has a template for. Personalisation
 * holds only what the template needs.
 */
export type NotifyChannel = 'email' | 'sms' | 'letter';

export interface Message {
  channel: NotifyChannel;
  templateId: string;
  /** Email address or phone number; a letter's address is in its personalisation. */
  to: string | null;
  personalisation: Record<string, string>;
}

/** The moment an event tells the applicant about, if any. */
export const triggerOf = (event: StoredEvent): NotificationTrigger | undefined => {
  switch (event.type) {
    case 'ApplicationSubmitted':
      return 'application-received';
    case 'InformationRequested':
      return 'information-requested';
    case 'DecisionApproved':
      return 'decision-made';
    case 'DecisionRecorded':
      return event.data.needsApproval ? undefined : 'decision-made';
    default:
      return undefined;
  }
};

/** Notify's letter address: the name first, the postcode last. */
const addressLines = (name: string, address: UkAddress): Record<string, string> => {
  const lines = [
    name,
    address.line1,
    address.line2,
    address.town,
    address.county,
    address.postcode,
  ].filter((l): l is string => typeof l === 'string' && l.length > 0);
  return Object.fromEntries(lines.map((line, i) => [`address_line_${i + 1}`, line]));
};

export const messageFor = (
  caseType: CaseType,
  state: CaseState,
  trigger: NotificationTrigger,
  event: StoredEvent,
): Message | undefined => {
  const templates = caseType.notifications[trigger];
  if (!templates) return undefined;
  const answers = state.answers;
  const text = (field: string | undefined) =>
    field && typeof answers[field] === 'string' ? (answers[field] as string) : undefined;
  const address = answers[caseType.applicant.postcodeField];
  const personalisation: Record<string, string> = {
    name: applicantName(caseType, answers),
    reference: state.reference,
    service: caseType.name,
    ...(trigger === 'information-requested'
      ? { information_needed: (event.data.items as string[]).join('\n') }
      : {}),
    ...(trigger === 'decision-made'
      ? {
          outcome:
            caseType.outcomes.find((o) => o.id === (state.outcome ?? event.data.outcome))?.label ??
            '',
        }
      : {}),
  };
  const email = text(caseType.applicant.emailField);
  if (templates.email && email)
    return { channel: 'email', templateId: templates.email, to: email, personalisation };
  const phone = text(caseType.applicant.phoneField);
  if (templates.sms && phone)
    return { channel: 'sms', templateId: templates.sms, to: phone, personalisation };
  if (templates.letter && address && typeof address === 'object') {
    return {
      channel: 'letter',
      templateId: templates.letter,
      to: null,
      personalisation: {
        ...personalisation,
        ...addressLines(personalisation.name!, address as UkAddress),
      },
    };
  }
  return undefined;
};

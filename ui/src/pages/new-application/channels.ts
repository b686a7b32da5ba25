import { CHANNEL_LABELS, type Channel } from '../../format';

/** The channels staff key applications for; web applications come in through the intake API. */
export type KeyedChannel = Exclude<Channel, 'web'>;

export const KEYED_CHANNELS: { value: KeyedChannel; label: string; hint: string }[] = [
  { value: 'phone', label: CHANNEL_LABELS.phone, hint: 'Keyed during a call with the applicant' },
  { value: 'post', label: CHANNEL_LABELS.post, hint: 'Keyed from a paper form' },
  {
    value: 'assisted_digital',
    label: CHANNEL_LABELS.assisted_digital,
    hint: 'Keyed with the applicant, helping them through the form',
  },
];

export const isKeyedChannel = (value: string | null): value is KeyedChannel =>
  KEYED_CHANNELS.some((c) => c.value === value);

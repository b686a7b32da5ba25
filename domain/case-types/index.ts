import type { CaseType } from '../case-type';
import carersSupportPayment from './carers-support-payment';
import lastingPowerOfAttorney from './lasting-power-of-attorney';
import wasteCarrierRegistration from './waste-carrier-registration';

/** Every service the back office runs. Adding one is a new file and one line here. */
export const caseTypes: readonly CaseType[] = [
  carersSupportPayment,
  wasteCarrierRegistration,
  lastingPowerOfAttorney,
];

export type CaseTypeRegistry = { byId(id: string): CaseType | undefined; all: readonly CaseType[] };

/** Builds a registry, refusing two services with the same id or reference prefix. */
export const caseTypeRegistryOf = (all: readonly CaseType[]): CaseTypeRegistry => {
  const byId = new Map(all.map((t) => [t.id, t]));
  if (byId.size !== all.length) throw new Error('two case types share an id');
  if (new Set(all.map((t) => t.referencePrefix)).size !== all.length) {
    throw new Error('two case types share a reference prefix');
  }
  return { byId: (id) => byId.get(id), all };
};

export const caseTypeRegistry = caseTypeRegistryOf(caseTypes);

export const caseTypeById = (id: string): CaseType | undefined => caseTypeRegistry.byId(id);

import { SERVICE_FORM, type ServiceForm } from '../../components/service-form';
import type { Channel } from '../../format';

/** Imported rows the intake refused, with the services' forms to mend them in. */
export const IMPORT_EXCEPTIONS = /* GraphQL */ `
  query ImportExceptions {
    importExceptions {
      id
      source
      line
      service
      channel
      errors {
        path
        message
      }
      row
      createdAt
    }
    services {
      ${SERVICE_FORM}
    }
  }
`;

export interface ImportException {
  id: string;
  source: string;
  line: number;
  service: string;
  channel: Channel;
  errors: { path: string[]; message: string }[];
  /** The row as it was in the file: field ids to text (an address as an object). */
  row: Record<string, unknown>;
  createdAt: string;
}

export interface ImportExceptions {
  importExceptions: ImportException[];
  services: ServiceForm[];
}

export const rowName = (e: Pick<ImportException, 'source' | 'line'>) =>
  `${e.source}, line ${e.line}`;

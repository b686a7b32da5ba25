import { randomBytes } from 'node:crypto';
import { DEVELOPMENT_MASTER_KEY } from '../eventstore/personal-data/key-provider';
import { DEVELOPMENT_SEARCH_SECRET } from '../projections/cases/search-keys';
import { loadConfig } from './config';

describe('configuration', () => {
  const key = randomBytes(32).toString('base64');
  const production = {
    NODE_ENV: 'production',
    OIDC_ISSUER: 'https://login.example.gov.uk',
    PERSONAL_DATA_MASTER_KEY: key,
    SEARCH_KEY_SECRET: randomBytes(32).toString('base64'),
  };

  it('has working defaults for a developer machine', () => {
    expect(loadConfig({})).toMatchObject({ PORT: 3000, RETENTION_INTERVAL_MINUTES: 60 });
    expect(loadConfig({}).PERSONAL_DATA_MASTER_KEY).toBeUndefined();
  });

  it('takes a production configuration', () => {
    expect(loadConfig(production)).toMatchObject({ PERSONAL_DATA_MASTER_KEY: key });
  });

  it.each([
    ['no master key', { PERSONAL_DATA_MASTER_KEY: undefined }, /needs PERSONAL_DATA_MASTER_KEY/],
    ['no identity provider', { OIDC_ISSUER: undefined }, /needs OIDC_ISSUER/],
    [
      'a short master key',
      { PERSONAL_DATA_MASTER_KEY: 'c2hvcnQ=' },
      /PERSONAL_DATA_MASTER_KEY: Give 32 random bytes/,
    ],
    ['no retention interval', { RETENTION_INTERVAL_MINUTES: '0' }, /RETENTION_INTERVAL_MINUTES/],
    [
      'the published development master key',
      { PERSONAL_DATA_MASTER_KEY: DEVELOPMENT_MASTER_KEY.toString('base64') },
      /is not a secret key/,
    ],
    [
      'the development master key in base64url',
      { PERSONAL_DATA_MASTER_KEY: DEVELOPMENT_MASTER_KEY.toString('base64url') },
      /is not a secret key/,
    ],
    [
      'a master key of one repeated byte',
      { PERSONAL_DATA_MASTER_KEY: Buffer.alloc(32, 7).toString('base64') },
      /is not a secret key/,
    ],
    ['a short metrics token', { METRICS_TOKEN: 'secret' }, /METRICS_TOKEN: Give a metrics token/],
    ['no search key secret', { SEARCH_KEY_SECRET: undefined }, /needs SEARCH_KEY_SECRET/],
    [
      'the development search key secret',
      { SEARCH_KEY_SECRET: DEVELOPMENT_SEARCH_SECRET.toString('base64') },
      /needs SEARCH_KEY_SECRET/,
    ],
  ])('refuses %s in production with one clear line', (_name, change, message) => {
    const env = Object.fromEntries(
      Object.entries({ ...production, ...change }).filter(([, v]) => v !== undefined),
    ) as NodeJS.ProcessEnv;
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('gives the UI the API audience as its OIDC client id unless told another', () => {
    expect(loadConfig(production)).toMatchObject({ OIDC_CLIENT_ID: 'casework' });
    expect(
      loadConfig({ ...production, OIDC_AUDIENCE: 'api://casework', OIDC_CLIENT_ID: 'back-office' }),
    ).toMatchObject({ OIDC_AUDIENCE: 'api://casework', OIDC_CLIENT_ID: 'back-office' });
  });

  it('takes EventStoreDB as the event store only with its address', () => {
    expect(() => loadConfig({ EVENT_STORE: 'eventstoredb' })).toThrow(
      /EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING/,
    );
    expect(() =>
      loadConfig({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'http://x:2113' }),
    ).toThrow(/EVENTSTORE_CONNECTION_STRING: Give an esdb:\/\/ or esdb\+discover:\/\/ address/);
    const cluster = 'esdb+discover://node1.example:2113?tls=true';
    expect(
      loadConfig({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: cluster }),
    ).toMatchObject({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: cluster });
  });
});

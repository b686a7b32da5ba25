import { API_KEY_SCOPES, roleSchema, type ApiKeyScope } from '../../api/auth/roles';
import { issueDevToken } from '../../api/auth/tokens';
import { revokeIntegrator } from '../../api/webhook-endpoints';
import type { Runtime } from '../runtime';

/**
 * `casework token` prints a bearer token from the development identity provider;
 * `casework apikey` creates, lists and revokes integrators' API keys.
 */
export const token = async (
  runtime: Runtime,
  userId: string,
  role: string | undefined,
  teams: string | undefined,
) => {
  if (!runtime.devIdentity)
    throw new RangeError(
      'token works with the development identity provider only (OIDC_ISSUER is set)',
    );
  const existing = await runtime.identity.staffUser(userId);
  const parsedRole = role === undefined ? existing?.role : roleSchema.safeParse(role).data;
  if (!parsedRole) {
    throw new RangeError(
      `--role must be one of ${roleSchema.options.join(', ')}${existing ? '' : ' (the user is new)'}`,
    );
  }
  const user = {
    id: userId,
    name: existing?.name ?? userId,
    role: parsedRole,
    teams: teams === undefined ? (existing?.teams ?? []) : teams.split(',').filter(Boolean),
  };
  await runtime.identity.saveStaffUser(user);
  return issueDevToken(runtime.identity, user);
};

const parseScopes = (text: string | undefined): ApiKeyScope[] => {
  const scopes = (text ?? 'intake').split(',').filter(Boolean);
  const unknown = scopes.filter((s) => !(API_KEY_SCOPES as readonly string[]).includes(s));
  if (unknown.length || scopes.length === 0) {
    throw new RangeError(`--scopes takes a comma-separated list of: ${API_KEY_SCOPES.join(', ')}`);
  }
  return scopes as ApiKeyScope[];
};

export const apikey = async (
  runtime: Runtime,
  action: string | undefined,
  args: { name?: string; scopes?: string; target?: string },
) => {
  switch (action) {
    case 'create': {
      if (!args.name) throw new RangeError('apikey create needs --name');
      const { key, apiKey } = await runtime.identity.createApiKey(
        args.name,
        parseScopes(args.scopes),
      );
      return `API key for ${apiKey.name} (scopes: ${apiKey.scopes.join(', ')}). It is shown only now; store it safely:\n${key}`;
    }
    case 'list': {
      const keys = await runtime.identity.apiKeys();
      return (
        keys
          .map(
            (k) =>
              `${k.id}  ${k.name.padEnd(24)} ${k.scopes.join(',').padEnd(16)} ${k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active'}`,
          )
          .join('\n') || 'No API keys yet.'
      );
    }
    case 'revoke': {
      if (!args.target) throw new RangeError('apikey revoke needs the key name or id');
      if (!(await revokeIntegrator(runtime.identity, runtime.pool, args.target)))
        throw new RangeError(`No active API key ${args.target}`);
      return `Revoked ${args.target}`;
    }
    default:
      throw new RangeError(
        'apikey takes create --name N --scopes intake,webhooks,satisfaction | list | revoke <name|id>',
      );
  }
};

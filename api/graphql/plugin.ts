import type { FastifyPluginAsync } from 'fastify';
import {
  GraphQLError,
  GraphQLScalarType,
  NoSchemaIntrospectionCustomRule,
  valueFromASTUntyped,
  type ValidationRule,
} from 'graphql';
import fp from 'fastify-plugin';
import { decodeJwt } from 'jose';
import mercurius from 'mercurius';
import { toProblem } from '../problems';
import { caseQueries } from './case-reads';
import { buildContext, type BackOffice } from './context';
import { decisionTimeQueries, decisionTimesSchema } from './decision-times';
import { integrationMutations, integrationQueries, integrationsSchema } from './integrations';
import { mutations } from './mutations';
import {
  readModelHealthMutations,
  readModelHealthQueries,
  readModelHealthSchema,
} from './read-model-health';
import { miQueries, queueQueries, serviceQueries } from './queue-reads';
import { schema } from './schema';
import { staffQueries } from './staff-reads';
import { liveSubscriptions } from './subscriptions';
import type { StaffTokenVerifier } from '../auth/tokens';

/**
 * GraphQL at /graphql for the back-office UI. Errors carry a code (BAD_USER_INPUT with
 * field paths, CONFLICT with the current revision, FORBIDDEN, NOT_FOUND,
 * UNAUTHENTICATED); queries are limited in depth, aliases and size; requests that a
 * browser could send cross-site without a preflight are refused (CSRF); introspection
 * and GraphiQL are off in production.
 */
export interface GraphQLOptions {
  backOffice: BackOffice;
  production: boolean;
  /** Subscriptions over graphql-transport-ws, fanned out through this emitter (Redis in production). */
  subscriptions?: { emitter: object; staffTokens: StaffTokenVerifier };
}

const json = new GraphQLScalarType({
  name: 'JSON',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast) => valueFromASTUntyped(ast),
});

const MAX_ALIASES = 30;
const MAX_FIELDS = 500;

/** Refuses queries with many aliases or fields: cheap ways to make one request do a lot of work. */
const costLimit: ValidationRule = (context) => {
  let aliases = 0;
  let fields = 0;
  return {
    Field(node) {
      fields++;
      if (node.alias) aliases++;
      if (aliases === MAX_ALIASES + 1)
        context.reportError(
          new GraphQLError(`Use at most ${MAX_ALIASES} aliases`, {
            extensions: { code: 'BAD_USER_INPUT' },
          }),
        );
      if (fields === MAX_FIELDS + 1)
        context.reportError(
          new GraphQLError(`Ask for at most ${MAX_FIELDS} fields`, {
            extensions: { code: 'BAD_USER_INPUT' },
          }),
        );
    },
  };
};

const plugin: FastifyPluginAsync<GraphQLOptions> = async (
  app,
  { backOffice, production, subscriptions },
) => {
  app.addHook('preHandler', async (request, reply) => {
    // WebSocket subscriptions authenticate in connection_init with a bearer token a
    // cross-site page cannot read, so the upgrade request itself needs no preflight.
    if (
      !request.url.startsWith('/graphql') ||
      request.headers.upgrade?.toLowerCase() === 'websocket'
    )
      return;
    const type = String(request.headers['content-type'] ?? '');
    const preflighted =
      request.method === 'POST'
        ? /^application\/(graphql-response\+)?json/i.test(type)
        : Boolean(request.headers['x-casework-csrf']);
    if (!preflighted) {
      await reply.code(400).type('application/problem+json').send({
        type: 'about:blank',
        status: 400,
        code: 'BAD_USER_INPUT',
        title: 'The request is not valid',
        detail: 'Send GraphQL as application/json (or a GET with an x-casework-csrf header)',
      });
    }
  });
  // GraphQL over HTTP: a client may send `"extensions": null`, meaning none, which
  // mercurius's body schema would refuse as not an object.
  app.addHook('preValidation', async (request) => {
    const body = request.body as { extensions?: unknown } | null | undefined;
    if (request.url.startsWith('/graphql') && body && typeof body === 'object') {
      if (body.extensions === null) delete body.extensions;
    }
  });
  // A client that asks for application/graphql-response+json gets it, as the spec describes.
  app.addHook('onSend', async (request, reply, payload) => {
    if (
      request.url.startsWith('/graphql') &&
      /application\/graphql-response\+json/i.test(String(request.headers.accept ?? '')) &&
      /^application\/json/i.test(String(reply.getHeader('content-type') ?? ''))
    ) {
      reply.header('content-type', 'application/graphql-response+json; charset=utf-8');
    }
    return payload;
  });
  await app.register(mercurius, {
    schema: [schema, integrationsSchema, decisionTimesSchema, readModelHealthSchema],
    resolvers: {
      JSON: json,
      Query: {
        ...queueQueries,
        ...serviceQueries,
        ...caseQueries,
        ...staffQueries,
        ...miQueries,
        ...decisionTimeQueries,
        ...integrationQueries,
        ...readModelHealthQueries,
      },
      Mutation: { ...mutations, ...integrationMutations, ...readModelHealthMutations },
      ...(subscriptions ? { Subscription: liveSubscriptions } : {}),
    } as never,
    ...(subscriptions
      ? {
          subscription: {
            emitter: subscriptions.emitter,
            // The browser sends its bearer token in connection_init; no token, no connection.
            onConnect: async ({ payload }: { payload?: { authorization?: string } }) => {
              const token = /^Bearer\s+(\S+)$/i.exec(payload?.authorization ?? '')?.[1];
              if (!token) return false;
              try {
                // Verified as every request is: the person active in the staff directory.
                const subscriber = await subscriptions.staffTokens.verify(token);
                return {
                  subscriber,
                  // Verified above: its expiry bounds the subscription (subscriptions.ts).
                  subscriberUntil: (decodeJwt(token).exp ?? 0) * 1000,
                  stillActive: () => backOffice.identity.isActiveStaff(subscriber.id),
                };
              } catch {
                return false;
              }
            },
          },
        }
      : {}),
    context: buildContext(backOffice) as never,
    graphiql: !production,
    queryDepth: 8,
    validationRules: production ? [NoSchemaIntrospectionCustomRule, costLimit] : [costLimit],
    errorFormatter: (execution, ctx) => {
      const { statusCode } = mercurius.defaultErrorFormatter(execution, ctx);
      // Validation failures arrive wrapped as one error: report each on its own.
      const flat = (execution.errors ?? []).flatMap((error) => {
        const wrapped = (error as GraphQLError).originalError as
          { code?: string; errors?: GraphQLError[] } | undefined;
        const validation =
          wrapped?.code === 'MER_ERR_GQL_VALIDATION' && Array.isArray(wrapped.errors);
        return validation ? wrapped.errors! : [error];
      });
      const errors = flat.map((error) => {
        const original = (error as GraphQLError).originalError;
        // Errors outside any resolver (syntax, validation, variable coercion) are the caller's.
        if (!original || !error.path) {
          const code = (error as GraphQLError).extensions?.code ?? 'BAD_USER_INPUT';
          // In production the schema is not introspectable, and suggestions would leak it.
          const message = production
            ? error.message.replace(/ Did you mean .*\?$/, '')
            : error.message;
          return new GraphQLError(message, {
            nodes: error.nodes,
            path: error.path,
            extensions: { code },
          });
        }
        const p = toProblem(original);
        if (p.code === 'INTERNAL') app.log.error({ err: original }, 'GraphQL resolver failed');
        return new GraphQLError(
          p.code === 'INTERNAL' ? 'Something went wrong on our side' : p.detail,
          {
            nodes: error.nodes,
            path: error.path,
            extensions: {
              code: p.code,
              ...(p.errors ? { fieldErrors: p.errors } : {}),
              ...(p.currentRevision ? { currentRevision: p.currentRevision } : {}),
            },
          },
        );
      });
      // An outage is the whole response's state, as it is on every REST route.
      const unavailable = errors.some((e) => e.extensions.code === 'SERVICE_UNAVAILABLE');
      return {
        statusCode: unavailable ? 503 : statusCode,
        // A request refused before execution (unparsable, invalid) has no data entry at all.
        response: {
          ...(execution.data === undefined ? {} : { data: execution.data }),
          errors: errors.map((e) => e.toJSON()),
        },
      };
    },
  });
};

/** Not encapsulated: `app.graphql` (and its pubsub) is used by the live-updates reactor. */
export const graphqlPlugin = fp(plugin, { name: 'casework-graphql' });

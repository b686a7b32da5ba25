import type {
  handleUnaryCall,
  ServiceDefinition,
  UntypedServiceImplementation,
} from '@grpc/grpc-js';
import type { Empty } from '@eventstore/db-client/generated/shared_pb';
import {
  SupportedMethod,
  SupportedMethods,
} from '@eventstore/db-client/generated/serverfeatures_pb';

export interface ServedService {
  definition: ServiceDefinition;
  implementation: UntypedServiceImplementation;
}

// The server line @eventstore/db-client 6.x is written for.
const SERVER_VERSION = '23.10.0';

/**
 * `ServerFeatures.GetSupportedMethods`. The client asks once per connection and picks its
 * paths from the answer — for appends, BatchAppend when listed, else Append — so the list
 * is made from the handlers actually registered and never promises a method not served.
 */
export const serverFeatures = (
  served: readonly ServedService[],
): handleUnaryCall<Empty, SupportedMethods> => {
  const methods = served.flatMap(({ definition, implementation }) =>
    Object.keys(implementation).map((name) => {
      const [, service = '', method = ''] = (definition[name]?.path ?? '').split('/');
      return new SupportedMethod()
        .setServiceName(service.toLowerCase())
        .setMethodName(method.toLowerCase());
    }),
  );
  return (_call, respond) => {
    respond(
      null,
      new SupportedMethods().setEventStoreServerVersion(SERVER_VERSION).setMethodsList(methods),
    );
  };
};

// A failed subgraph fetch must not leak internal URLs or hosts: the caller learns which
// service failed and where in the result, nothing else.
import type { GraphQLFormattedError } from "graphql";

const FETCH_FAILURE = /^Error while fetching subquery from service "([^"]+)"/;

export function formatGatewayError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const serviceName = (formatted.extensions?.serviceName as string | undefined) ?? FETCH_FAILURE.exec(formatted.message)?.[1];
  const failedFetch = FETCH_FAILURE.test(formatted.message) || /ECONNREFUSED|fetch failed|aborted|timeout/i.test(formatted.message);
  if (serviceName && failedFetch) {
    return {
      message: `The ${serviceName} service is unavailable`,
      path: formatted.path,
      extensions: { code: "SERVICE_UNAVAILABLE", serviceName },
    };
  }
  // Errors from subgraphs pass through with their own code; nothing else of ours is attached.
  const { exception: _exception, stacktrace: _stacktrace, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
  return { ...formatted, extensions: { ...extensions, code: extensions.code ?? "INTERNAL_SERVER_ERROR" } };
}

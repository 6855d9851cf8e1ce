// Status codes of request errors as the GraphQL over HTTP spec asks: a document that does not
// parse or validate, or variables that do not coerce, never reach execution. Under the
// `application/graphql-response+json` media type that is a 400; under the legacy
// `application/json` it is a 200 with the errors in the body (older clients read only 200 bodies).
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { QUERY_TOO_COMPLEX, QUERY_TOO_LARGE } from "./query-limits.ts";

/** The codes Apollo Server gives those three failures, and the query limits' (a document over a limit fails validation). */
const REQUEST_ERROR_CODES = new Set(["GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT", QUERY_TOO_COMPLEX, QUERY_TOO_LARGE]);

export function requestErrorStatusPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response }) {
          if (response.body.kind !== "single") return;
          const { data, errors } = response.body.singleResult;
          // Only responses without execution: a result with `data` is always a 200.
          if (data !== undefined || !errors?.length) return;
          if (!errors.every((e) => REQUEST_ERROR_CODES.has(String(e.extensions?.code)))) return;
          response.http.status = prefersGraphQLResponse(request.http?.headers.get("accept")) ? 400 : 200;
        },
      };
    },
  };
}

/**
 * Whether the Accept header picks `application/graphql-response+json` over `application/json`,
 * as Apollo Server's own negotiation does when it sets the response's content type (highest q
 * first, then the more specific range, then the order in the header).
 */
export function prefersGraphQLResponse(accept: string | undefined): boolean {
  if (!accept) return false;
  const ranges = accept.split(",").map((part, order) => {
    const [type = "", ...params] = part.split(";").map((p) => p.trim().toLowerCase());
    const q = Number(params.find((p) => p.startsWith("q="))?.slice(2) ?? 1);
    return { type, q: Number.isNaN(q) ? 1 : q, order };
  });
  const best = (mediaType: string) => {
    const matches = ranges
      .filter((r) => r.q > 0 && (r.type === mediaType || r.type === "*/*" || r.type === "application/*"))
      .map((r) => ({ ...r, specificity: r.type === mediaType ? 2 : r.type === "application/*" ? 1 : 0 }));
    matches.sort((a, b) => b.specificity - a.specificity);
    return matches[0];
  };
  const response = best("application/graphql-response+json");
  const json = best("application/json");
  if (!response) return false;
  if (!json) return true;
  if (response.q !== json.q) return response.q > json.q;
  if (response.specificity !== json.specificity) return response.specificity > json.specificity;
  return response.order < json.order;
}

// Apollo Server on node:http through its documented integration API
// (`executeHTTPGraphQLRequest`): no web framework between the socket and the graph.
import type { IncomingMessage, ServerResponse } from "node:http";
import { HeaderMap, type ApolloServer, type BaseContext } from "@apollo/server";
import { linkGraphQLRequest } from "./request-log.ts";
import { adjustPagePolicy } from "./security-headers.ts";

export class PayloadTooLargeError extends Error {}

export async function readBody(req: IncomingMessage, limitBytes: number): Promise<string> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limitBytes) throw new PayloadTooLargeError();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw new PayloadTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function headerMapOf(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
  }
  return headers;
}

/** Answers a parsed request without Apollo, or says false (having written nothing) so Apollo answers it. */
export type GraphQLShortcut = (req: IncomingMessage, res: ServerResponse, body: unknown) => Promise<boolean>;

export function graphqlHandler<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  context: (req: IncomingMessage) => Promise<TContext>,
  bodyLimitBytes: number,
  shortcut?: GraphQLShortcut,
) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let body: unknown;
    if (req.method === "POST") {
      let raw: string;
      try {
        raw = await readBody(req, bodyLimitBytes);
      } catch (error) {
        if (!(error instanceof PayloadTooLargeError)) throw error;
        res.writeHead(413, { "content-type": "application/json" });
        res.end(JSON.stringify({ errors: [{ message: "Request body too large", extensions: { code: "PAYLOAD_TOO_LARGE" } }] }));
        req.resume();
        return;
      }
      try {
        body = raw && /json/i.test(req.headers["content-type"] ?? "") ? JSON.parse(raw) : raw;
      } catch {
        res.writeHead(400, { "content-type": "application/json" });
        res.end(JSON.stringify({ errors: [{ message: "Malformed JSON body", extensions: { code: "BAD_REQUEST" } }] }));
        return;
      }
      if (shortcut && (await shortcut(req, res, body))) return;
    }
    // A POST has no query string: parsing a URL for nothing was a visible cost per request.
    const search = req.url?.includes("?") ? new URL(req.url, "http://localhost").search : "";
    const httpGraphQLRequest = { method: (req.method ?? "GET").toUpperCase(), headers: headerMapOf(req), search, body };
    const namedInBody =
      body && typeof body === "object" ? (body as { operationName?: unknown }).operationName : new URLSearchParams(search).get("operationName");
    linkGraphQLRequest(req, httpGraphQLRequest, namedInBody);
    const response = await server.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: () => context(req) });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    adjustPagePolicy(res);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === "complete") {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

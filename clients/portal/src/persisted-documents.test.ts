// The portal's own Apollo Client against a production gateway: its operations go by the ids codegen
// gave them, under its client name, and are served; a document it was not built with is refused.
import { afterAll, beforeAll, expect, it } from "vitest";
import { CombinedGraphQLErrors } from "@apollo/client";
import { parse } from "graphql";
import { startStack, type Stack } from "@ppt/testing/stack";
import { createPortalClient } from "./apollo.ts";
import { SearchListingsDocument } from "./generated/graphql.ts";

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ env: { NODE_ENV: "production" } });
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

it("is served its own search by id in production, and refused a document it was not built with", async () => {
  const sent: string[] = [];
  const recording: typeof fetch = (input, init) => {
    if (typeof init?.body === "string") sent.push(init.body);
    return fetch(input, init);
  };
  const client = createPortalClient({ uri: stack.gateway.url, fetch: recording });

  const search = await client.query({ query: SearchListingsDocument, variables: { first: 2 } });
  expect(search.error).toBeUndefined();
  expect(search.data?.searchListings.totalCount).toBeTypeOf("number");
  // By id alone: the text never went over the wire.
  expect(JSON.parse(sent[0]!)).toMatchObject({ extensions: { persistedQuery: { version: 1 } } });
  expect(JSON.parse(sent[0]!).query).toBeUndefined();

  const adHoc = await client.query({ query: parse(`query Scrape { searchListings(first: 3) { totalCount } }`), errorPolicy: "all", fetchPolicy: "no-cache" });
  expect(CombinedGraphQLErrors.is(adHoc.error) && adHoc.error.errors[0]?.extensions?.code).toBe("OPERATION_NOT_PERSISTED");
});

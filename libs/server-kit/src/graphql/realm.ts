// graphql has two builds in one package (CommonJS index.js and ES module index.mjs) and refuses
// to mix objects of the two ("from another module or realm"). Apollo's packages and graphql-ws
// load the CommonJS build under Node and under Vitest alike, while our own `import "graphql"`
// may get the ES module build (Vitest resolves package.json's `module` field). Code that
// handles schemas, documents or errors shared with them takes graphql from here.
import { createRequire } from "node:module";

export const graphqlRuntime = createRequire(import.meta.url)("graphql") as typeof import("graphql");

// The partner explorer: GraphiQL with the explorer plugin, bundled at install time and served by
// the gateway itself, so it works where Apollo Sandbox (loaded from Apollo's servers) cannot.
import { createElement } from "react";
import { createRoot } from "react-dom/client";
import { GraphiQL } from "graphiql";
import { explorerPlugin } from "@graphiql/plugin-explorer";
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import "graphiql/style.css";
import "@graphiql/plugin-explorer/style.css";

// Monaco asks for a worker per language; each is its own bundle next to this one (classic workers, same origin).
const assets = new URL(".", document.currentScript instanceof HTMLScriptElement ? document.currentScript.src : location.href);
(globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    const file = label === "graphql" ? "graphql.worker.js" : label === "json" ? "json.worker.js" : "editor.worker.js";
    return new Worker(new URL(file, assets));
  },
};

const endpoint = new URL("/graphql", location.href);
const fetcher = createGraphiQLFetcher({
  url: endpoint.href,
  subscriptionUrl: `${endpoint.protocol === "https:" ? "wss:" : "ws:"}//${endpoint.host}${endpoint.pathname}`,
});

const root = document.getElementById("graphiql");
if (root) {
  // Headers typed into the editor (a partner's token) stay in this tab: never written to storage.
  createRoot(root).render(createElement(GraphiQL, { fetcher, plugins: [explorerPlugin()], shouldPersistHeaders: false }));
}

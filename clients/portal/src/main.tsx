import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ApolloProvider } from "@apollo/client/react";
import { App } from "./App.tsx";
import { createPortalClient } from "./apollo.ts";
import "./styles.css";

const client = createPortalClient({ uri: import.meta.env.VITE_GRAPHQL_URL ?? "/graphql" });

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <App />
    </ApolloProvider>
  </StrictMode>,
);

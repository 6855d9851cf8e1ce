// The portal is a static bundle; in development Vite proxies /graphql (HTTP and WebSocket) to the
// gateway so the browser talks to one origin, as it does behind the production reverse proxy.
import { defineConfig } from "vite";

export default defineConfig({
  // JSX through esbuild's automatic runtime (no React plugin: it does not install here).
  esbuild: { jsx: "automatic" },
  server: {
    port: 5174,
    proxy: { "/graphql": { target: process.env.PPT_GATEWAY_URL ?? "http://localhost:4000", ws: true, changeOrigin: true } },
  },
  build: { sourcemap: true },
});

// Bundles the partner explorer (GraphiQL, its explorer plugin and Monaco's workers) into
// gateway/dist/explorer with esbuild. Run by the root postinstall and by `npm run build:explorer
// -w gateway`; the gateway serves whatever is there and a plain page when it is missing.
import { createRequire } from "node:module";
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
export const EXPLORER_DIST = join(here, "../dist/explorer");
const require = createRequire(import.meta.url);

export async function buildExplorer(outdir = EXPLORER_DIST): Promise<void> {
  rmSync(outdir, { recursive: true, force: true });
  const common = {
    bundle: true,
    minify: true,
    format: "iife",
    target: "es2022",
    legalComments: "none",
    logLevel: "warning",
    outdir,
    define: { "process.env.NODE_ENV": '"production"' },
    loader: { ".ttf": "file", ".woff": "file", ".woff2": "file" },
  } as const;
  await Promise.all([
    build({ ...common, entryPoints: { graphiql: join(here, "main.ts") } }),
    build({
      ...common,
      entryPoints: {
        "editor.worker": require.resolve("monaco-editor/esm/vs/editor/editor.worker.js"),
        "json.worker": require.resolve("monaco-editor/esm/vs/language/json/json.worker.js"),
        "graphql.worker": require.resolve("monaco-graphql/esm/graphql.worker.js"),
      },
    }),
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  await buildExplorer();
  console.log(`explorer bundled into ${EXPLORER_DIST} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

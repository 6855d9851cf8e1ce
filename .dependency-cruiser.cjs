// The arrows ARCHITECTURE.md allows, checked by `npm run check:deps`.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "module-through-index",
      severity: "error",
      comment: "A module reaches another module only through that module's index.ts.",
      from: { path: "^subgraphs/([^/]+)/src/modules/([^/]+)/" },
      to: {
        path: "^subgraphs/$1/src/modules/([^/]+)/",
        pathNot: ["^subgraphs/$1/src/modules/$2/", "^subgraphs/[^/]+/src/modules/[^/]+/index\\.ts$"],
      },
    },
    {
      name: "gateway-no-data-layer",
      severity: "error",
      comment:
        "The gateway is an edge process: no database, no subgraph, and of the kit only its edge entrypoint (@ppt/server-kit/edge) and the tracing preload its main imports before everything else.",
      from: { path: "^gateway/src/" },
      to: {
        path: ["^prisma/", "^subgraphs/", "^libs/server-kit/"],
        pathNot: ["^libs/server-kit/src/edge\\.ts$", "^libs/server-kit/src/tracing/process-tracing\\.ts$"],
      },
    },
    {
      name: "kit-edge-no-database",
      severity: "error",
      comment: "Nothing the kit's edge entrypoint reaches may load the database layer (it is what the gateway runs).",
      from: { path: "^libs/server-kit/src/edge\\.ts$" },
      to: { path: "^prisma/", reachable: true },
    },
    {
      name: "clients-no-server-code",
      severity: "error",
      comment: "The React clients talk to the graph over HTTP only (their tests start the real stack through @ppt/testing).",
      from: { path: "^clients/", pathNot: "\\.test\\.tsx?$" },
      to: { path: ["^gateway/", "^subgraphs/", "^libs/", "^prisma/"] },
    },
    {
      name: "client-shared-below-apps",
      severity: "error",
      comment: "clients/shared (@ppt/client-shared) is what both apps share: it imports neither app.",
      from: { path: "^clients/shared/" },
      to: { path: "^clients/(?!shared/)" },
    },
    {
      name: "prisma-at-the-bottom",
      severity: "error",
      comment: "prisma/ (@ppt/db) is the lowest layer: it imports nothing of ours above it.",
      from: { path: "^prisma/" },
      to: { path: ["^gateway/", "^subgraphs/", "^libs/", "^clients/"] },
    },
    {
      name: "not-to-test-harness",
      severity: "error",
      comment: "Only tests use @ppt/testing.",
      from: { pathNot: ["\\.test\\.tsx?$", "/tests/", "^libs/testing/"] },
      to: { path: "^libs/testing/" },
    },
  ],
  options: {
    // Generated code is not cruised, but an import of it (the Prisma client) still counts as an arrow.
    doNotFollow: { path: ["node_modules", "/generated/"] },
    exclude: { path: ["/dist/"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    // Workspace packages (@ppt/*) resolve through their symlinks to the real files, so rules see paths in the repo.
    preserveSymlinks: false,
    combinedDependencies: true,
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "default", "types"], extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

// The cycle rule, on what runs: imports erased by the TypeScript compiler (`import type`) are
// left out, so a module may name the composition root's context TYPE while every runtime cycle,
// between modules or anywhere else, still fails. The other rules (.dependency-cruiser.cjs) see
// type imports too.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- dependency-cruiser reads CommonJS configs
const base = require("./.dependency-cruiser.cjs");

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "No runtime import cycles, between modules or anywhere else.",
      from: {},
      to: { circular: true },
    },
  ],
  options: { ...base.options, tsPreCompilationDeps: false },
};

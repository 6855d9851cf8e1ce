// ESLint (flat config) with typescript-eslint's type-aware rules. Formatting is Prettier's job
// (`prettier --check` in `npm run lint`), so nothing here is about layout.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["**/node_modules/**", "**/generated/**", "**/dist/**", "**/.turbo/**", "coverage/**", "scratch/**", ".data/**", ".bench/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // Each file is checked against the nearest tsconfig.json (every package has one).
        projectService: { allowDefaultProject: ["*.js", "*.cjs", "clients/*/vite.config.ts"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // TypeScript already reports undefined names, with the types' knowledge of globals.
      "no-undef": "off",
      // Async functions that satisfy a promise-returning interface without awaiting are normal here.
      "@typescript-eslint/require-await": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    // Tests read GraphQL responses as untyped JSON (`GraphQLResponse<any>`): checking each access of
    // `data` for `any` would flag nearly every assertion and protect nothing.
    files: ["**/*.test.ts", "**/*.test.tsx", "**/tests/**", "libs/testing/**", "bench/**"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
    },
  },
  {
    // Files outside every tsconfig (the clients' tests, infra's own checks, config files): syntax rules only.
    files: ["**/*.js", "**/*.cjs", "**/*.mjs", "clients/*/src/**/*.test.ts", "clients/*/src/**/*.test.tsx", "infra/**"],
    extends: [tseslint.configs.disableTypeChecked],
  },
);

// ESLint flat config for the whole monorepo: one config, run from the root with `eslint .`.
// TypeScript files get the type-aware typescript-eslint rules (through the project service, which
// reads tsconfig.json); plain JavaScript files get the same rules minus those that need types.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

// The layers: core knows nothing of the app or of the shop connectors; suppliers and connectors
// know nothing of the app. `no-restricted-imports` sees import/export specifiers only (not
// resolved paths, not dynamic `import()`), so relative escapes are matched by shape.
const appImports = [
  {
    regex: "^@premiumcdkeys/app(?:/|$)",
    message: "Only the app may import the app: move the shared code down into a package.",
  },
  {
    regex: "^(?:\\.{1,2}/)*(?:packages/)?app(?:/|$)",
    message: "Only the app may import the app: move the shared code down into a package.",
  },
];

const connectorImports = [
  {
    regex: "^@premiumcdkeys/(?:shopify|woocommerce)(?:/|$)",
    message: "Core must not depend on a shop connector: define an interface in core instead.",
  },
  {
    regex: "^(?:\\.{1,2}/)*(?:\\.\\./)(?:packages/)?(?:shopify|woocommerce)(?:/|$)",
    message: "Core must not depend on a shop connector: define an interface in core instead.",
  },
];

// Node's globals, for the few plain JavaScript files (TypeScript files get them from @types/node).
const nodeGlobals = {
  process: "readonly",
  console: "readonly",
  Buffer: "readonly",
  URL: "readonly",
  setTimeout: "readonly",
  clearTimeout: "readonly",
};

export default defineConfig(
  {
    ignores: [
      "**/node_modules/**",
      "packages/core/src/generated/**",
      "data/**",
      ".data/**",
      "scratch/**",
      "coverage/**",
      "**/build/**",
      "**/dist/**",
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // Tests read JSON answers (`any` by nature) and assert on them field by field.
    files: ["test/**", "**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  {
    files: ["**/*.{js,mjs,cjs}"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: nodeGlobals },
  },
  {
    // Remix routes answer early by throwing a Response (redirects, 404s), as Remix intends.
    files: ["app/remix/**"],
    rules: {
      "@typescript-eslint/only-throw-error": [
        "error",
        { allow: [{ from: "lib", name: "Response" }], allowThrowingUnknown: true },
      ],
    },
  },
  {
    files: ["packages/core/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [...appImports, ...connectorImports] }],
    },
  },
  {
    // The published client stands alone: it imports no workspace package and nothing from
    // outside its own source folder, so its build carries no server code.
    files: ["packages/sdk/src/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^@premiumcdkeys/", message: "The SDK must not depend on the platform." },
            { regex: "^(?:\\.\\./){2,}", message: "The SDK imports only from its own src." },
          ],
        },
      ],
    },
  },
  {
    files: ["packages/suppliers/**", "packages/shopify/**", "packages/woocommerce/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: appImports }],
    },
  },
);

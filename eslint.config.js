import js from "@eslint/js";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";
import globals from "globals";

export default tseslint.config(
  {
    ignores: [
      "platform/db/generated/**",
      "node_modules/**",
      "tools/kafka-broker/**",
      ".data/**",
      "tools/bench/results/**",
      "console/dist/**",
      "tests/output/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["error"] }],
    },
  },
  {
    files: ["**/*.js"],
    languageOptions: { globals: { process: "readonly" } },
  },
  {
    // the web console runs in the browser
    files: ["console/src/**"],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ["tools/**", "tests/**"],
    rules: { "no-console": "off" },
  },
);

import js from "@eslint/js";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";

export default tseslint.config(
  {
    ignores: [
      "platform/db/generated/**",
      "node_modules/**",
      "tools/kafka-broker/**",
      ".data/**",
      "tools/bench/results/**",
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
    files: ["tools/**", "tests/**"],
    rules: { "no-console": "off" },
  },
);

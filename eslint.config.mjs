// ESLint (flat config): `npm run lint`, a step of .ci/run. typescript-eslint's recommended rules,
// the syntactic ones: the type-checked preset would build the whole TypeScript program again on
// every run, and `npm run typecheck` already does that.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const readonly = (names) => Object.fromEntries(names.map((n) => [n, 'readonly']));

export default defineConfig(
  {
    ignores: ['node_modules/', 'dist/', 'data/', '.tmp/', 'coverage/', 'artifacts/', 'scripts/kafka/.broker/', '.schemathesis/', '.venv/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // Unused names are errors, except those that say they are unused (`_key`, `catch (_e)`).
      '@typescript-eslint/no-unused-vars': ['error', {
        args: 'after-used', argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_',
        destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true,
      }],
    },
  },
  {
    // The dashboards' browser scripts: plain ES2017 scripts, UMD so that the server renders the
    // same panels (`require()` is their Node branch, not a module system of ours).
    files: ['dashboards/shared/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      ecmaVersion: 2017,
      globals: readonly([
        'window', 'document', 'location', 'history', 'sessionStorage', 'fetch', 'URLSearchParams', 'URL', 'Blob',
        'console', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'navigator', 'echarts', 'Intl',
        'module', 'require', 'self', 'globalThis',
      ]),
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.cjs', 'jest.config.js'],
    languageOptions: { sourceType: 'commonjs', globals: readonly(['require', 'module', '__dirname', 'process', 'console']) },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);

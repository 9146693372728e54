// ESLint (flat config): `npm run lint`, a step of .ci/run. typescript-eslint's recommended rules,
// plus the type-aware rules about promises (a promise nobody awaits loses its error in a service).
// Not the whole type-checked preset: its no-unsafe-* rules flag ~340 reads of `any` (mostly JSON
// answers in tests) and require-await flags Nest methods that are async by contract; the
// type-aware pass costs about a minute on 2 cores either way.
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
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
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

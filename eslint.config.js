import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import tseslint from 'typescript-eslint';

// Import boundaries keep the layout honest: a file's folder says which process it runs in.
const electronOnlyInShell = {
  name: 'electron',
  message: "Only main/electron/ and preload/ may import 'electron'; services take ports instead.",
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.tmp/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell] }],
    },
  },
  {
    // No import circles in the app's code: each file's dependencies can be read one way.
    files: [
      'main/**/*.ts',
      'shared/**/*.ts',
      'preload/**/*.ts',
      'renderer/src/**/*.{ts,tsx}',
      'migrations/**/*.ts',
    ],
    plugins: { 'import-x': importX },
    settings: {
      // The files an import names are parsed as TypeScript too, or no circle is seen.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['tsconfig.json', 'renderer/tsconfig.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // Raw SQL lives only in the table modules and dialect helpers (main/db) and in migrations,
    // so the SQL a PostgreSQL port (issue 21) must answer for is in one place.
    files: ['main/**/*.ts', 'shared/**/*.ts', 'preload/**/*.ts', 'renderer/src/**/*.{ts,tsx}'],
    ignores: [
      'main/db/**',
      // Issue 18's work is moving these to rollups and worker threads; their SQL moves then.
      'main/services/hour-rollups.ts',
      'main/services/progress-cache.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression > MemberExpression.callee[property.name=/^(raw|[a-zA-Z]+Raw)$/]',
          message:
            'Raw SQL belongs in a table module (main/db/tables) or a dialect helper (main/db/dialect).',
        },
      ],
    },
  },
  {
    files: ['main/electron/**', 'preload/**', 'tests/electron/**', 'tests/unit/electron-*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': 'off',
      // The renderer reaches main only through window.hourkeep. It may import types from
      // anywhere, and runtime values only from shared/ (pure data and functions, no I/O).
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: [
            {
              group: ['**/main/**'],
              allowTypeImports: true,
              message: 'The renderer imports only types from main; shared code lives in shared/.',
            },
            { group: ['node:*'], message: 'The renderer has no Node APIs.' },
          ],
        },
      ],
    },
  },
  {
    // A migration runs the schema as it was the day it was written: it imports no app code.
    files: ['migrations/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/shared/**', '**/renderer/**', '**/preload/**'],
              message: 'Migrations are self-contained: write the SQL out in the migration.',
            },
          ],
        },
      ],
    },
  },
  {
    // shared/ runs in main, preload and the renderer alike: pure code, no process's APIs.
    files: ['shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**'],
              message: 'shared/ imports nothing from a process folder.',
            },
            { group: ['node:*'], message: 'shared/ runs in the renderer too: no Node APIs.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);

// Lint rules keep the rooms apart: only electron/ imports electron; renderer/ imports no Node module.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'module',
  'net',
  'os',
  'path',
  'process',
  'readline',
  'stream',
  'timers',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];
const nodeOnlyPackages = ['better-sqlite3', 'pino', 'pino-roll', 'commander', 'picomatch', 'yaml', 'electron-store'];

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'out',
      'renderer/dist',
      'test-results',
      'playwright-report',
      '.electron-native',
      '.tmp',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**', 'renderer/**', 'tests/**', 'bench/**', 'scripts/**', 'bin/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only electron/ may import electron.' }] },
      ],
    },
  },
  {
    files: ['renderer/src/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer reaches the core only through the contract.' },
            ...nodeOnlyPackages.map((name) => ({ name, message: 'The renderer runs in a browser: no Node packages.' })),
          ],
          patterns: [
            { group: ['node:*'], message: 'The renderer runs in a browser: no Node modules.' },
            { group: nodeBuiltins.map((m) => `${m}`), message: 'The renderer runs in a browser: no Node modules.' },
            {
              group: ['**/src/*', '!**/src/contract', '!**/src/contract/*'],
              message: 'The renderer reaches the core only through src/contract.',
            },
          ],
        },
      ],
    },
  },
  prettier,
);

// @ts-check
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'eslint.config.js',
      'jest.config.js',
      // the console's build, its packages and its API types (generated from the OpenAPI document)
      'web/dist/**',
      'web/node_modules/**',
      'web/src/api/schema.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: __dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // plain Node for partners (docs/partners.md): CommonJS, no types
    files: ['docs/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      sourceType: 'commonjs',
      parserOptions: { projectService: false },
      globals: {
        require: 'readonly',
        module: 'writable',
        Buffer: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
    rules: { ...tseslint.configs.disableTypeChecked.rules, '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The workflow fence (CONVENTIONS.md): workflow code is replayed, so it may import only the workflow SDK,
    // other files of workflows/, and activity *types*.
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!@temporalio/workflow$|\\.{1,2}/)',
              message: 'workflows/ may import only @temporalio/workflow and relative files of workflows/',
            },
            {
              regex: '^\\.\\./(\\.\\./)*src/',
              message: 'workflows/ may import src/ only as types (import type)',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // Only src/temporal (and the worker) talk to Temporal; src/ reads only the shared parts of workflows/. The
    // what-if engine runs a worker and a client of its own, on a time-skipping server of its own (never the office's),
    // in a process of its own (what-if-process.ts, which installs that process's Temporal runtime).
    files: ['src/**/*.ts'],
    ignores: [
      'src/temporal/**',
      'src/worker.ts',
      'src/common/boot.ts',
      'src/simulations/engine.ts',
      'src/simulations/what-if-process.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@temporalio/client'], message: 'only src/temporal/ uses the Temporal client' },
            { group: ['@temporalio/worker'], message: 'only src/worker.ts uses the Temporal worker' },
            {
              regex: '^(\\.\\./)+workflows/(?!definition|types$|messages$)',
              message: 'src/ may import only workflows/definition, types and messages',
            },
          ],
        },
      ],
    },
  },
);

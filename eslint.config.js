// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'results/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', { patterns: [] }],
    },
  },
  // Layer rules from DESIGN.md: arrows point at what a layer may import.
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/strategies/**', '**/bench/**', '**/report/**', '**/mocks/**', '**/cli*', 'msw', 'msw/*', 'openai', 'openai/*'],
          message: 'src/core has no dependencies (DESIGN.md layers).' },
      ] }],
    },
  },
  {
    files: ['mocks/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/src/strategies/**', '**/src/bench/**', '**/src/report/**', '**/src/cli*', '**/src/index*'],
          message: 'mocks/ may import only src/core (DESIGN.md layers).' },
      ] }],
    },
  },
  {
    files: ['src/strategies/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/mocks/**', '**/bench/**', '**/report/**', '**/cli*', 'msw', 'msw/*', 'openai', 'openai/*'],
          message: 'src/strategies may import only src/core (DESIGN.md layers).' },
      ] }],
    },
  },
  {
    files: ['src/bench/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/report/**', '**/cli*', '**/benchmarks/**'], message: 'src/bench must not import report, cli or benchmarks (DESIGN.md layers).' },
      ] }],
    },
  },
);

// @ts-check
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * The layer arrows (docs/architecture.md): each folder lists what it must not import.
 * src/core ← mocks/ and src/strategies/ ← src/bench/ ← src/report/ ← the CLI ← benchmarks/;
 * src/distributed/ sits on src/bench/ (beside the report) and alone imports bullmq and ioredis;
 * src/bench/ ← src/langchain/ ← benchmarks/ (LangChain, an optional peer, stays out of every
 * other layer).
 */
const LANGCHAIN = ['**/langchain/**', '@langchain/*', '@langchain/*/**'];
const SDKS = ['msw', 'msw/*', 'openai', 'openai/*', 'tinybench', 'cli-table3', 'cli-progress', 'commander', ...LANGCHAIN];
/** Optional peer dependencies: only src/distributed may import them (benchmarks load it lazily). */
const PEERS = ['bullmq', 'bullmq/*', 'ioredis', 'ioredis/*'];
const layer = (files, group, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group, message }] }] },
});

export default tseslint.config(
  { ignores: ['node_modules/', 'results/', 'coverage/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.mjs'] })],
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    languageOptions: { parserOptions: { projectService: true } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { requireDefaultForNonUnion: false, considerDefaultExhaustiveForUnions: false }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'no-restricted-imports': ['error', { patterns: [] }],
    },
  },
  layer(['src/core/**'], ['**/strategies/**', '**/bench/**', '**/report/**', '**/mocks/**', '**/cli.ts', '**/cli/**', '**/benchmarks/**', ...SDKS, ...PEERS],
    'src/core has no dependencies: it is the lowest layer.'),
  layer(['mocks/**'], ['**/src/strategies/**', '**/src/bench/**', '**/src/report/**', '**/src/cli*', '**/src/index*', '**/benchmarks/**', 'tinybench', 'cli-table3', 'cli-progress', ...PEERS, ...LANGCHAIN],
    'mocks/ may import only src/core.'),
  layer(['src/strategies/**'], ['**/mocks/**', '**/bench/**', '**/report/**', '**/cli.ts', '**/cli/**', '**/benchmarks/**', ...SDKS, ...PEERS],
    'src/strategies may import only src/core.'),
  layer(['src/bench/**'], ['**/report/**', '**/distributed/**', '**/cli.ts', '**/cli/**', '**/benchmarks/**', 'cli-table3', 'cli-progress', 'commander', ...PEERS, ...LANGCHAIN],
    'src/bench must not import report, the CLI or benchmarks.'),
  layer(['src/report/**'], ['**/cli.ts', '**/cli/**', '**/benchmarks/**', '**/mocks/**', 'msw', 'msw/*', 'openai', 'openai/*', 'commander', 'cli-progress', '**/distributed/**', ...PEERS, ...LANGCHAIN],
    'src/report renders results: it must not import the CLI, benchmarks or the mock provider.'),
  layer(['src/distributed/**'], ['**/report/**', '**/cli.ts', '**/cli/**', '**/benchmarks/**', 'cli-table3', 'cli-progress', 'commander', ...LANGCHAIN],
    'src/distributed sits on src/bench: it must not import report, the CLI, benchmarks or LangChain.'),
  layer(['src/langchain/**'], ['**/report/**', '**/distributed/**', '**/cli.ts', '**/cli/**', '**/benchmarks/**', '**/mocks/**', 'msw', 'msw/*', 'tinybench', 'cli-table3', 'cli-progress', 'commander', ...PEERS],
    'src/langchain is LangChain glue over the harness: it may import src/core, src/strategies and src/bench only.'),
  layer(['src/cli.ts', 'src/cli/**'], ['**/benchmarks/**', '**/distributed/**', ...PEERS, ...LANGCHAIN],
    'The CLI finds suites at run time; it must not import benchmarks/, src/distributed or LangChain (their suites load them).'),
  layer(['benchmarks/**'], ['../src/*/*', '!../src/*/index.ts', '../src/*/*/**', '../mocks/*', '!../mocks/index.ts', '../mocks/*/**', ...PEERS],
    'benchmarks/ are written against the public API, as a user would: import the package entry points only.'),
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { URL: 'readonly', process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
);

import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Imports of the package by its own name resolve to the TypeScript sources (see package.json exports).
  resolve: { conditions: ['llm-concurrency-bench-source'] },
  ssr: { resolve: { conditions: ['llm-concurrency-bench-source'], externalConditions: ['llm-concurrency-bench-source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Unhandled rejections fail the run (vitest default); keep it explicit.
    dangerouslyIgnoreUnhandledErrors: false,
  },
});

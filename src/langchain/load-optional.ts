import { UsageError } from '../bench/usage-error.ts';

/**
 * Loads an optional peer dependency (`@langchain/core`, `@langchain/openai`) on first use,
 * so importing `llm-concurrency-bench/langchain` — and listing the built-in suites — works
 * without LangChain installed. A missing package becomes one line saying what to install
 * (a {@link UsageError}: the CLI prints it and exits with code 2).
 */
export async function loadOptional<M>(name: string, load: () => Promise<M>, install = name): Promise<M> {
  try {
    return await load();
  } catch (error) {
    if (!isMissing(error, name)) throw error;
    throw new UsageError(`llm-concurrency-bench/langchain needs ${name}, an optional peer dependency that is not installed: npm install ${install}`);
  }
}

/** True when `error` says that package `name` (or a subpath of it) could not be found. */
function isMissing(error: unknown, name: string): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return (e?.code === 'ERR_MODULE_NOT_FOUND' || e?.code === 'MODULE_NOT_FOUND') && typeof e.message === 'string' && e.message.includes(name);
}

type Runnables = typeof import('@langchain/core/runnables');
let runnables: Promise<Runnables> | undefined;

/** `@langchain/core/runnables`, loaded once. */
export const loadRunnables = (): Promise<Runnables> => (runnables ??= loadOptional('@langchain/core', () => import('@langchain/core/runnables')));

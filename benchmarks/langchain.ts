/**
 * LangChain.js in the table: its own scheduler, `Runnable.batch(inputs, { maxConcurrency })`,
 * against `abatch` at the same concurrency on the tutorial "Concurrency and batching"'s
 * scenario (the `strategies` suite's 100 documents, hosted profile, same seed and draws) —
 * first over the plain openai SDK call, then over a real LangChain chain
 * (prompt | ChatOpenAI | StringOutputParser) wired to the mock provider. Every row has the
 * same sliding-pool ideal, so efficiency compares the schedulers; a note adds each
 * scheduler's own cost in µs per task over 10,000 trivial tasks (a figure, not a target).
 *
 * Run: `npm run bench -- langchain`. Needs `@langchain/core` and `@langchain/openai`
 * (optional peer dependencies); without them it stops with one line naming the package.
 */
import { Bench } from 'tinybench';
import { abortCheckpoint, defineSuite, linkedSignal, SUMMARIZE, type Document, type TaskEnvironment } from '../src/bench/index.ts';
import { abatch, type Task } from '../src/index.ts';
import { chatOpenAIFields, langchainBatch, loadOptional, runnableTask } from '../src/langchain/index.ts';

/** Concurrency of every limited row (the `strategies` suite's `abatch-bounded`). */
const CONCURRENCY = 20;
/** Trivial tasks per measured run of the scheduler-overhead figure. */
const OVERHEAD_TASKS = 10_000;
/** Each scheduler runs them at least this many times, and for at least {@link OVERHEAD_MS} ms in all (one abatch run takes about a millisecond). */
const OVERHEAD_RUNS = 10;
const OVERHEAD_MS = 300;

/** The tutorial's chain: prompt | ChatOpenAI | StringOutputParser, asking what the default task asks, through the suite's transport. */
async function summarizeChain(env: TaskEnvironment): Promise<Task<Document, string>> {
  const [{ ChatPromptTemplate }, { StringOutputParser }, { ChatOpenAI }] = await Promise.all([
    loadOptional('@langchain/core', () => import('@langchain/core/prompts')),
    loadOptional('@langchain/core', () => import('@langchain/core/output_parsers')),
    loadOptional('@langchain/openai', () => import('@langchain/openai'), '@langchain/openai@1.5.8'),
    // What langchainBatch loads on first use, loaded now: before the rows, not inside the virtual clock's run.
    loadOptional('@langchain/core', () => import('@langchain/core/runnables')),
  ]);
  const prompt = ChatPromptTemplate.fromMessages([['system', SUMMARIZE], ['human', '{text}']]);
  const chain = prompt.pipe(new ChatOpenAI({ ...chatOpenAIFields(env), maxTokens: 256 })).pipe(new StringOutputParser());
  const task = runnableTask(chain);
  return (doc, ctx) => task({ text: doc.text }, ctx);
}

/**
 * Mean µs per task of `abatch` and of LangChain's batch as a user writes it
 * (`RunnableLambda.from(fn).batch(inputs, { maxConcurrency })`), over {@link OVERHEAD_TASKS}
 * tasks of `async (x) => x`, measured with tinybench like the `scheduler-overhead` suite.
 */
async function schedulerOverhead(signal: AbortSignal): Promise<{ abatch: number; langchain: number }> {
  const { RunnableLambda } = await loadOptional('@langchain/core', () => import('@langchain/core/runnables'));
  const inputs = Array.from({ length: OVERHEAD_TASKS }, (_, i) => i);
  const trivial = async (x: number): Promise<number> => x;
  const lambda = RunnableLambda.from(trivial);
  // Ctrl-C between runs (an untimed checkpoint), through a child signal: tinybench leaves listeners on the one it gets.
  const run = linkedSignal(signal);
  const checkpoint = abortCheckpoint(signal);
  const bench = new Bench({ time: OVERHEAD_MS, iterations: OVERHEAD_RUNS, warmup: true, warmupIterations: 2, warmupTime: 0, throws: true, signal: run.signal });
  bench.add('abatch', async () => void (await abatch(inputs, trivial, { maxConcurrency: CONCURRENCY })), { beforeEach: checkpoint });
  bench.add('langchain', async () => void (await lambda.batch(inputs, { maxConcurrency: CONCURRENCY }, { returnExceptions: true })), { beforeEach: checkpoint });
  try {
    await bench.run();
  } finally {
    run.dispose();
  }
  signal.throwIfAborted();
  const usPerTask = (name: string): number => {
    const result = bench.getTask(name)?.result;
    if (result?.state !== 'completed') throw new Error(`the ${name} run ended as ${result?.state ?? 'missing'}`);
    return (result.latency.mean * 1000) / OVERHEAD_TASKS;
  };
  return { abatch: usPerTask('abatch'), langchain: usPerTask('langchain') };
}

export default defineSuite({
  name: 'langchain',
  description: `LangChain.js's own Runnable.batch() scheduler vs abatch at concurrency ${CONCURRENCY}, on the tutorial's 100 documents, plain calls and a ChatOpenAI chain`,
  requests: 100,
  profile: 'hosted',
  iterations: 5,
  branches: async (env) => ({ chain: await summarizeChain(env) }),
  rows: [
    { name: 'serial', strategy: 'serial', description: 'for x in inputs: invoke' },
    { name: 'abatch', strategy: 'abatch', options: { maxConcurrency: CONCURRENCY }, description: `abatch(max_concurrency=${CONCURRENCY}) over the openai SDK call` },
    { name: 'langchain-batch', strategy: langchainBatch, options: { maxConcurrency: CONCURRENCY }, description: `RunnableLambda.from(task).batch(inputs, { maxConcurrency: ${CONCURRENCY} })` },
    { name: 'chain-abatch', strategy: 'abatch', options: { maxConcurrency: CONCURRENCY, branches: 'sequential' }, description: 'abatch over prompt | ChatOpenAI | StringOutputParser' },
    { name: 'chain-langchain-batch', strategy: langchainBatch, options: { maxConcurrency: CONCURRENCY, branches: 'sequential' }, description: "LangChain's batch over the same chain" },
  ],
  analyze: async (_result, { signal }) => {
    const us = await schedulerOverhead(signal);
    return [
      `scheduler overhead, ${OVERHEAD_TASKS.toLocaleString('en-US')} trivial tasks at maxConcurrency ${CONCURRENCY} (mean of ≥ ${OVERHEAD_RUNS} runs over ≥ ${OVERHEAD_MS} ms per scheduler, wall clock, this machine): ` +
        `abatch ${us.abatch.toFixed(2)} µs/task, LangChain batch ${us.langchain.toFixed(2)} µs/task (${(us.langchain / us.abatch).toFixed(0)}×)`,
    ];
  },
});

/**
 * `llm-concurrency-bench/langchain`: LangChain.js in the harness — any Runnable as a task
 * (`runnableTask`), LangChain's own `Runnable.batch` scheduler as a row (`langchainBatch`),
 * and `ChatOpenAI` wired to the mock provider (`chatOpenAIFields`). `@langchain/core` (and
 * `@langchain/openai` for `ChatOpenAI`) are optional peer dependencies, loaded on first use:
 * without them, importing this works and the first use fails with one line naming the
 * package to install.
 */
export { runnableTask } from './runnable-task.ts';
export { langchainBatch, runnableBatch } from './langchain-batch.ts';
export { chatOpenAIFields } from './chat-openai-fields.ts';
export type { MockChatOpenAIFields } from './chat-openai-fields.ts';
export { loadOptional } from './load-optional.ts';

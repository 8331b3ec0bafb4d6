import type { TaskEnvironment } from '../bench/suite.ts';

/** The `ChatOpenAI` constructor fields {@link chatOpenAIFields} returns (a subset of `ChatOpenAIFields`). */
export interface MockChatOpenAIFields {
  model: string;
  apiKey: string;
  /** Always 0: retrying is the job of the strategy under test (a row's `retry`), not the model's. */
  maxRetries: 0;
  /** No key here: LangChain serialises `configuration` as it is (tracing sends it), while the top-level `apiKey` is a declared secret. */
  configuration: { baseURL: string; fetch: typeof fetch };
}

/**
 * Fields for `new ChatOpenAI({ ...chatOpenAIFields(env), … })` so LangChain's chat model
 * reaches the suite's mock provider exactly as the suite's openai client does: the same
 * base URL, API key and fetch (hence the same transport, and its requests counted in
 * `peak in-flight`). `maxRetries: 0` turns off LangChain's own retries (its `AsyncCaller`
 * would otherwise retry up to 6 times with exponential backoff on real timers), so only
 * the strategy under test retries, on the suite's clock.
 *
 * @example
 * task: (env) => runnableTask(prompt.pipe(new ChatOpenAI({ ...chatOpenAIFields(env), maxTokens: 256 })))
 */
export function chatOpenAIFields(env: Pick<TaskEnvironment, 'client' | 'fetch' | 'model'>): MockChatOpenAIFields {
  const apiKey = env.client.apiKey ?? 'sk-mock';
  const { baseURL } = env.client;
  return { model: env.model, apiKey, maxRetries: 0, configuration: { baseURL, fetch: env.fetch } };
}

// The library without the harness: 100 chat completions through the openai SDK, 10 at a
// time, against the mock provider under the virtual clock — exact and instant.
import OpenAI from 'openai';
import { abatch, VirtualClock } from 'llm-concurrency-bench';
import { createMockProvider } from 'llm-concurrency-bench/mocks';

const clock = new VirtualClock();
const provider = createMockProvider({ clock, latency: 'uniform:1s..3s', seed: 1 });
const client = new OpenAI({ apiKey: 'sk-local', baseURL: 'http://mock.local/v1', fetch: provider.fetch, maxRetries: 0 });

const questions = Array.from({ length: 100 }, (_, i) => `Question ${i}: what is a semaphore?`);
const started = clock.now();
const answers = await clock.run(() =>
  abatch(questions, (question, { signal }) =>
    client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] }, { signal }),
  { maxConcurrency: 10, clock }));

const stats = provider.stats();
console.log(`${answers.length} answers in ${((clock.now() - started) / 1000).toFixed(2)} s of simulated time`);
console.log(`requests ${stats.requests}, ok ${stats.ok}, peak in flight ${stats.peakInFlight}`);

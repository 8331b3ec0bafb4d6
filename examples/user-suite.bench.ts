// my.bench.ts — a suite in your own project: your inputs, your call, built-in rows.
import { defineSuite } from 'llm-concurrency-bench/bench';
import { estimateChatPromptTokens } from 'llm-concurrency-bench/mocks';

interface Ticket { id: string; text: string }

const MAX_TOKENS = 5;
const messagesFor = (ticket: Ticket) => [
  { role: 'system' as const, content: 'Answer with one word: billing, bug or other.' },
  { role: 'user' as const, content: ticket.text },
];

export default defineSuite<Ticket>({
  name: 'ticket-triage',
  description: 'Classify 200 support tickets under 100 RPM: pool sizes vs client-side pacing',
  requests: 200,
  profile: 'hosted',
  provider: { latency: 'lognormal:median=800ms,p99=3s', rpm: 100 },
  iterations: 3,
  // Your inputs: n of them. Distinct texts get distinct draws from the mock.
  workload: (n) => Array.from({ length: n }, (_, i) => ({ id: `ticket-${i}`, text: `Ticket ${i}: I was charged twice this month.` })),
  // Your call, made with the openai client the harness wires to the mock provider.
  task: ({ client, model }) => async (ticket, { signal }) => {
    const response = await client.chat.completions.create({ model, max_tokens: MAX_TOKENS, messages: messagesFor(ticket) }, { signal });
    return response.choices[0]?.message.content ?? '';
  },
  // What one request reserves against a TPM limit: prompt estimate + max_tokens.
  requestTokens: (ticket) => estimateChatPromptTokens(messagesFor(ticket)) + MAX_TOKENS,
  rows: [
    { name: 'serial', strategy: 'serial' },
    { name: 'pool', strategy: 'abatch', options: { maxConcurrency: 8 } },
    { name: 'unbounded-retry', strategy: 'abatch', options: { maxConcurrency: null, retry: 'with-retry' } },
    { name: 'paced', strategy: 'rateLimited', options: { rpm: 'provider', tpm: 'provider' } },
  ],
});

// langchain.bench.ts — your own LangChain.js chain in the harness: LangChain's own batch()
// against abatch at the same concurrency, ChatOpenAI talking to the mock provider.
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { StringOutputParser } from '@langchain/core/output_parsers';
import { ChatOpenAI } from '@langchain/openai';
import { defineSuite } from 'llm-concurrency-bench/bench';
import { chatOpenAIFields, langchainBatch, runnableTask } from 'llm-concurrency-bench/langchain';

interface Review { id: number; text: string }

const prompt = ChatPromptTemplate.fromMessages([
  ['system', 'Classify the sentiment of the review as positive, neutral or negative.'],
  ['human', '{review}'],
]);

export default defineSuite<Review>({
  name: 'review-sentiment',
  description: 'A prompt | ChatOpenAI | parser chain over 200 reviews: LangChain batch() vs abatch at 16',
  requests: 200,
  profile: 'hosted',
  iterations: 3,
  workload: (n) => Array.from({ length: n }, (_, id) => ({ id, text: `Review ${id}: arrived late, works fine.` })),
  // Your chain, its model wired to the mock provider (same transport, no retries of its own).
  task: (env) => {
    const chain = prompt.pipe(new ChatOpenAI({ ...chatOpenAIFields(env), maxTokens: 5 })).pipe(new StringOutputParser());
    const task = runnableTask(chain); // passes the strategy's signal as RunnableConfig.signal
    return (review, ctx) => task({ review: review.text }, ctx);
  },
  requestTokens: () => 40,
  rows: [
    { name: 'serial', strategy: 'serial' },
    { name: 'abatch', strategy: 'abatch', options: { maxConcurrency: 16 } },
    { name: 'langchain-batch', strategy: langchainBatch, options: { maxConcurrency: 16 } },
  ],
});

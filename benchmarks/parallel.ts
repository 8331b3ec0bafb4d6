import { chatTask, defineSuite } from '../src/bench/index.ts';

/** RunnableParallel: three analyses per document, one after another vs concurrently. */
export default defineSuite({
  name: 'parallel',
  description: 'RunnableParallel: summary, keywords and sentiment per document — sequential vs parallel, and batch(10) over parallel(3)',
  requests: 50,
  profile: 'hosted',
  iterations: 5,
  branches: ({ client, model }) => ({
    summary: chatTask(client, model, 'Summarize the following document in three sentences.'),
    keywords: chatTask(client, model, 'List the five most important keywords of the following document.'),
    sentiment: chatTask(client, model, 'Classify the sentiment of the following document as positive, neutral or negative.'),
  }),
  rows: [
    { name: 'branches-sequential', strategy: 'serial', options: { branches: 'sequential' }, description: 'documents one by one, branches one after another' },
    { name: 'branches-parallel', strategy: 'parallel', description: 'documents one by one, RunnableParallel over the three branches' },
    { name: 'batch-over-parallel', strategy: 'batch', options: { maxConcurrency: 10, branches: 'parallel' }, description: 'batch(10) over RunnableParallel(3): 30 requests in flight' },
  ],
});

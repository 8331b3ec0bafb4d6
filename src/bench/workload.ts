import { createRng } from '../core/random.ts';

/** One input of a benchmark workload: a document to summarise, classify, … */
export interface Document {
  /** Stable id, e.g. `doc-007`. */
  id: string;
  /** The text; its length drives prompt tokens (and so TPM limits). */
  text: string;
}

/** Options for {@link createDocuments}. */
export interface DocumentOptions {
  /** Median length in characters. @default 1200 */
  medianChars?: number;
  /** Spread of the (lognormal) length distribution, as σ of ln(length). @default 0.5 */
  sigma?: number;
  /** Shortest and longest document, in characters. @default [200, 8000] */
  range?: [number, number];
}

const WORDS = (
  'latency throughput request token model batch queue limit retry window prompt answer stream result ' +
  'document summary keyword sentiment context budget provider client server concurrency pool semaphore'
).split(' ');

/**
 * `n` documents with lognormally distributed lengths, fully determined by `seed`: every
 * strategy and every iteration sees the same inputs, so differences come from scheduling.
 */
export function createDocuments(n: number, seed: number, options: DocumentOptions = {}): Document[] {
  if (!(Number.isInteger(n) && n >= 0)) throw new TypeError(`Expected \`requests\` to be an integer from 0 and up, got \`${String(n)}\``);
  const { medianChars = 1200, sigma = 0.5, range = [200, 8000] } = options;
  const rng = createRng(seed, 'documents');
  const docs: Document[] = [];
  for (let i = 0; i < n; i++) {
    const length = Math.round(Math.min(range[1], Math.max(range[0], medianChars * Math.exp(sigma * rng.normal()))));
    const id = `doc-${String(i).padStart(3, '0')}`;
    let text = `${id}:`;
    while (text.length < length) text += ` ${WORDS[rng.int(0, WORDS.length - 1)]!}`;
    docs.push({ id, text: text.slice(0, length) });
  }
  return docs;
}

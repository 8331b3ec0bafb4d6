import { createRng, type Rng } from '../core/random.ts';

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
 * A document keeps only its id, length and where its words start in the random stream;
 * its `text` is rebuilt on each read, so a million documents take tens of megabytes, not
 * gigabytes.
 */
export function createDocuments(n: number, seed: number, options: DocumentOptions = {}): Document[] {
  if (!(Number.isInteger(n) && n >= 0)) throw new TypeError(`Expected \`requests\` to be an integer from 0 and up, got \`${String(n)}\``);
  const { medianChars = 1200, sigma = 0.5, range = [200, 8000] } = options;
  const rng = createRng(seed, 'documents');
  const docs: Document[] = new Array<Document>(n);
  for (let i = 0; i < n; i++) {
    const length = Math.round(Math.min(range[1], Math.max(range[0], medianChars * Math.exp(sigma * rng.normal()))));
    const id = `doc-${String(i).padStart(3, '0')}`;
    docs[i] = lazyDocument(id, length, rng.clone());
    // Move the stream past this document's words, as writing them out would.
    let written = id.length + 1;
    while (written < length) written += 1 + WORDS[rng.int(0, WORDS.length - 1)]!.length;
  }
  return docs;
}

/** The words of a document of `length` characters, drawn from `words` (a fresh copy each time). */
function writeText(id: string, length: number, words: Rng): string {
  let text = `${id}:`;
  while (text.length < length) text += ` ${WORDS[words.int(0, WORDS.length - 1)]!}`;
  return text.slice(0, length);
}

/**
 * A generated document: its `text` is a getter that rebuilds the words on each read (about
 * a hundred bytes a document instead of its whole text). Read `doc.text`; a spread
 * (`{ ...doc }`) copies only `id`. `JSON.stringify` writes both.
 */
class GeneratedDocument implements Document {
  constructor(
    readonly id: string,
    readonly length: number,
    private readonly words: Rng,
  ) {}

  get text(): string {
    return writeText(this.id, this.length, this.words.clone());
  }

  toJSON(): { id: string; text: string } {
    return { id: this.id, text: this.text };
  }
}

function lazyDocument(id: string, length: number, words: Rng): Document {
  return new GeneratedDocument(id, length, words);
}

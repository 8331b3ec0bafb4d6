/**
 * An open-ended input stream for the pool strategies: jobs are pushed as a queue hands them
 * over, and the strategy pulls them as an `AsyncIterable`. Ending it lets the strategy finish.
 */
export class JobFeed<T> implements AsyncIterable<T> {
  readonly #items: T[] = [];
  #wake: (() => void) | null = null;
  #ended = false;

  /** Hands one item to the strategy. */
  push(item: T): void {
    if (this.#ended) throw new Error('Failed to push a job: the feed has ended.');
    this.#items.push(item);
    this.#notify();
  }

  /** No more items: the strategy's iteration ends once it has taken the ones pushed. */
  end(): void {
    this.#ended = true;
    this.#notify();
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      const item = this.#items.shift();
      if (item !== undefined) {
        yield item;
        continue;
      }
      if (this.#ended) return;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
  }
}

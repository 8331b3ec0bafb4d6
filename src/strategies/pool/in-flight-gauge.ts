/**
 * A shared counter of tasks running right now, with its peak. Pass one gauge to the
 * innermost strategy of a nested composition (e.g. `parallel` inside `abatch`) to see the
 * effective number of concurrent requests — nesting multiplies in-flight work, and that
 * product is what trips provider rate limits.
 *
 * @example
 * const gauge = new InFlightGauge();
 * await abatch(docs, parallel({ summary, keywords, sentiment }, { gauge }), { maxConcurrency: 10 });
 * gauge.peak; // up to 30, not 10
 */
export class InFlightGauge {
  #current = 0;
  #peak = 0;

  /** Tasks running now. */
  get current(): number {
    return this.#current;
  }

  /** Most tasks that ran at once since construction or the last {@link reset}. */
  get peak(): number {
    return this.#peak;
  }

  /** Records that a task started. */
  enter(): void {
    if (++this.#current > this.#peak) this.#peak = this.#current;
  }

  /** Records that a task settled. */
  leave(): void {
    this.#current--;
  }

  /** Sets the peak back to the current count (e.g. between benchmark iterations). */
  reset(): void {
    this.#peak = this.#current;
  }
}

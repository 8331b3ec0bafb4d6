/** Lazy reading of the pool's inputs from a sync or async iterable, one at a time. */
import { toError } from './to-error.ts';

/** Returned by {@link InputReader.read} when the iterable has no more inputs. */
export const END: unique symbol = Symbol('end');
/** Returned by {@link InputReader.read} when an async iterable will answer later. */
export const PENDING: unique symbol = Symbol('pending');

/**
 * Reads a sync or async iterable one input at a time, only when asked, so a pool never
 * reads further ahead than it has free slots (bounded read-ahead). Iterator errors are
 * reported as `Error`s.
 */
export class InputReader<I> {
  readonly #iter: Iterator<I> | undefined;
  readonly #asyncIter: AsyncIterator<I> | undefined;

  constructor(inputs: Iterable<I> | AsyncIterable<I>) {
    const object: object = Object(inputs);
    if (Symbol.asyncIterator in object) this.#asyncIter = (inputs as AsyncIterable<I>)[Symbol.asyncIterator]();
    else if (Symbol.iterator in object) this.#iter = (inputs as Iterable<I>)[Symbol.iterator]();
    else throw new TypeError(`Expected \`inputs\` to be an iterable or async iterable, got \`${String(inputs)}\` (${typeof inputs})`);
  }

  /**
   * The next input, {@link END}, or {@link PENDING} — then exactly one of `onAsync` (input or
   * END) or `onError` is called later. Throws the (wrapped) error of a failing sync iterator.
   */
  read(onAsync: (value: I | typeof END) => void, onError: (error: Error) => void): I | typeof END | typeof PENDING {
    if (this.#iter !== undefined) {
      let r: IteratorResult<I>;
      try {
        r = this.#iter.next();
      } catch (error) {
        throw toError(error, 'the input iterable');
      }
      return r.done === true ? END : r.value;
    }
    const fail = (error: unknown): void => onError(toError(error, 'the input iterable'));
    try {
      Promise.resolve((this.#asyncIter as AsyncIterator<I>).next()).then((r) => onAsync(r.done === true ? END : r.value), fail);
    } catch (error) {
      fail(error);
    }
    return PENDING;
  }

  /** Lets the iterable clean up (generators run their `finally`) after an early stop. */
  close(): void {
    try {
      if (this.#iter !== undefined) this.#iter.return?.();
      else if (this.#asyncIter?.return !== undefined) Promise.resolve(this.#asyncIter.return()).catch(() => undefined);
    } catch {
      // A failing iterator cleanup must not mask the reason the pool stopped.
    }
  }
}

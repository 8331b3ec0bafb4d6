/**
 * Short-lived child signals of a long-lived parent, with one listener on the parent however
 * many children there are. The openai SDK leaves an abort listener on every signal it is
 * given; on one shared signal they pile up, and Node's `addEventListener` walks the whole
 * list each time — quadratic over a long run. A child per attempt keeps each list short.
 */
export class SignalFanout {
  readonly #children = new WeakMap<AbortSignal, Set<AbortController>>();

  /** A signal that aborts with `parent`; call `release()` when the attempt is over. */
  child(parent: AbortSignal): { signal: AbortSignal; release: () => void } {
    if (parent.aborted) return { signal: parent, release: () => undefined };
    let children = this.#children.get(parent);
    if (children === undefined) {
      const set = new Set<AbortController>();
      children = set;
      this.#children.set(parent, set);
      parent.addEventListener('abort', () => {
        for (const c of set) c.abort(parent.reason);
        set.clear();
      }, { once: true });
    }
    const controller = new AbortController();
    const set = children;
    set.add(controller);
    return { signal: controller.signal, release: () => set.delete(controller) };
  }
}

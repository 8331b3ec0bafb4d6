/** The one way strategies call a user's `onEvent` listener: errors it throws are swallowed. */
import type { StrategyEvent } from '../types.ts';

/**
 * Calls `onEvent(event)` if there is a listener, ignoring whatever it throws:
 * `StrategyOptions.onEvent` must not throw, and a listener bug must not change the outcome.
 */
export function emitSafely(onEvent: ((event: StrategyEvent) => void) | undefined, event: StrategyEvent): void {
  if (onEvent === undefined) return;
  try {
    onEvent(event);
  } catch {
    // Ignored on purpose: see the function comment.
  }
}

/** The `intercept` transport: MSW's `setupServer`, which patches the global `fetch` and `http`. */
import type { RequestHandler } from 'msw';
import { setupServer } from 'msw/node';

/** A running `intercept` transport. */
export interface InterceptHandle {
  /** Stops intercepting (restores the global `fetch` and `http`). Idempotent. */
  close(): void;
}

/**
 * The `intercept` transport: MSW's `setupServer` patches the global `fetch` and Node's
 * `http`, so code that calls them reaches the provider. Requests no handler matches pass
 * through. Caveat on Node 20: openai SDK retries hang forever here (the SDK cancels the
 * error response's body, and that cancellation never settles under @mswjs/interceptors
 * 0.41); give the SDK `maxRetries: 0` or use the `fetch` transport.
 */
export function startIntercept(handlers: RequestHandler[]): InterceptHandle {
  const server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: 'bypass' });
  let open = true;
  return {
    close() {
      if (!open) return;
      open = false;
      server.close();
    },
  };
}

/** The provider as an MSW request handler, for the `fetch` and `intercept` transports. */
import { RequestHandler } from 'msw';
import { apiPath, type Router } from './router.ts';

/** What the handler shows in MSW's listings. */
export const HANDLER_HEADER = 'ALL */v1/*';

type ExecutionResult = NonNullable<Awaited<ReturnType<RequestHandler['run']>>>;

/**
 * An MSW request handler for every `/v1/` path on any origin, answering through the
 * provider's router (unknown routes get OpenAI's 404). It skips what `http.all()` does per
 * request and the provider does not need — cookie parsing, path-pattern matching, cloning
 * the request — which roughly halves MSW's share of the per-request cost.
 */
export class OpenAIApiHandler extends RequestHandler {
  readonly #router: Router;

  constructor(router: Router) {
    super({ info: { header: HANDLER_HEADER }, resolver: ({ request }) => router(request) });
    this.#router = router;
  }

  /** Matches any request whose path contains `/v1/`. */
  predicate({ request }: { request: Request }): boolean {
    return apiPath(new URL(request.url).pathname) !== null;
  }

  /** No console output per request. */
  log(): void {}

  /** Runs the router for a matching request (no request clone, no resolver machinery). */
  override async run(args: { request: Request; requestId: string }): Promise<ExecutionResult | null> {
    if (!this.predicate(args)) return null;
    this.isUsed = true;
    const response = await this.#router(args.request);
    return { handler: this, request: args.request, requestId: args.requestId, response, parsedResult: {} };
  }
}

/**
 * The provider as MSW request handlers (one {@link OpenAIApiHandler}). Usable with
 * `setupServer`, `setupWorker` or `getResponse`.
 */
export function createHandlers(router: Router): RequestHandler[] {
  return [new OpenAIApiHandler(router)];
}

/**
 * A failure that makes every further request to a real endpoint pointless — a rejected
 * key, a missing model or route, an exhausted quota, a host that cannot be reached. The run
 * stops at the first one instead of collecting thousands of identical failures; the CLI
 * prints its message as one line and exits 1.
 */
export class EndpointError extends Error {
  override readonly name = 'EndpointError';

  constructor(
    message: string,
    /** The endpoint's base URL. */
    readonly baseUrl: string,
    /** The HTTP status, when the endpoint answered. */
    readonly status: number | undefined,
    /** The error code of the answer (`invalid_api_key`) or of the connection (`ECONNREFUSED`). */
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

const label = (status: number, code: string | undefined): string => (code ? `${status} ${code}` : String(status));

/**
 * The {@link EndpointError} an HTTP answer means, or null when the answer is one a run can
 * live with (200s, ordinary 429s, 5xx). `code` is the `error.code` of the body, if any.
 */
export function answerFailure(status: number, code: string | undefined, baseUrl: string): EndpointError | null {
  switch (status) {
    case 401:
      return new EndpointError(`the endpoint rejected the API key (${label(status, code)}) at ${baseUrl}`, baseUrl, status, code);
    case 403:
      return new EndpointError(`the endpoint refused access (${label(status, code)}) at ${baseUrl}: the key lacks permission for this model or route`, baseUrl, status, code);
    case 404:
      return new EndpointError(`the endpoint answered ${label(status, code)} at ${baseUrl}: check --base-url (it usually ends in /v1) and --model`, baseUrl, status, code);
    case 429:
      return code === 'insufficient_quota'
        ? new EndpointError(`the endpoint answered ${label(status, code)} at ${baseUrl}: the account is out of quota`, baseUrl, status, code)
        : null;
    default:
      return null;
  }
}

/** Connection failures no retry will fix: the host does not resolve, refuses, is unreachable, or fails TLS. */
const FATAL_CONNECTION = /^(?:BAD_PORT|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|CERT_\w+|ERR_TLS_\w+|ERR_SSL_\w+|EPROTO|UNABLE_TO_\w+|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)$/;

/**
 * The code of a fetch failure: `fetch()` throws a `TypeError` whose `cause` (or its `cause`)
 * carries it; a port fetch refuses to use (e.g. 1) is `bad port`, with no code.
 */
export function connectionCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const { code, cause, message } = current as { code?: unknown; cause?: unknown; message?: unknown };
    if (typeof code === 'string') return code;
    if (message === 'bad port') return 'BAD_PORT';
    current = cause;
  }
  return undefined;
}

/** The {@link EndpointError} a failed `fetch()` means, or null for a failure a retry might fix (a reset, a timeout). */
export function connectionFailure(error: unknown, baseUrl: string): EndpointError | null {
  const code = connectionCode(error);
  if (code === undefined || !FATAL_CONNECTION.test(code)) return null;
  const what =
    code === 'BAD_PORT' ? 'fetch refuses to connect to that port'
      : code === 'ECONNREFUSED' ? 'the connection was refused'
        : code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'the host name does not resolve'
          : /SSL|TLS|CERT|EPROTO/.test(code) ? 'TLS failed (an https URL for a plain-HTTP server, or a certificate this machine does not trust)'
            : 'the endpoint could not be reached';
  return new EndpointError(`${what} (${code}) at ${baseUrl}`, baseUrl, undefined, code);
}

/** API routes whose successful answer is an OpenAI object (JSON) or its event stream. */
const API_ROUTE = /\/(?:chat\/completions|completions|responses|embeddings)$/;

/**
 * The {@link EndpointError} of a successful answer to an API route that is not an API
 * answer — a web page, or JSON without any of an OpenAI object's fields — as a base URL
 * pointing at a web UI or a catch-all server gets; null for a proper answer or another route.
 */
export function notAnApiAnswer(path: string, response: Response, body: Record<string, unknown> | undefined, baseUrl: string): EndpointError | null {
  if (!response.ok || !API_ROUTE.test(path)) return null;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('event-stream')) return null;
  if (body && ['object', 'choices', 'data', 'output'].some((field) => field in body)) return null;
  const what = type.includes('json') ? 'JSON that is not an OpenAI API answer (no `object`, `choices`, `data` or `output`)' : (type.split(';')[0] || 'a body without a content type');
  return new EndpointError(`the endpoint answered ${response.status} with ${what} at ${baseUrl}: check --base-url (it usually ends in /v1)`, baseUrl, response.status, undefined);
}

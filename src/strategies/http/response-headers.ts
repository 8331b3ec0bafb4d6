/**
 * Reading HTTP response headers from whatever a task returns or throws: an openai SDK
 * `APIError` (`error.headers` is a `Headers`), a raw `Response`, a `{ data, response }`
 * pair from `.withResponse()`, or a plain record. Strategies cannot import HTTP clients,
 * so this is duck-typed.
 */

/** Anything header-shaped: a `Headers`-like object with `get`, or a plain record. */
export type HeaderSource =
  | { get(name: string): string | null | undefined }
  | Readonly<Record<string, string | readonly string[] | number | undefined | null>>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isHeaderSource(value: unknown): value is HeaderSource {
  return isObject(value);
}

/**
 * The response headers carried by `value`: `value.headers`, else `value.response.headers`
 * (openai `.withResponse()`, fetch-style errors); `undefined` when there are none.
 */
export function headersOf(value: unknown): HeaderSource | undefined {
  if (!isObject(value)) return undefined;
  if (isHeaderSource(value.headers)) return value.headers;
  const response = value.response;
  if (isObject(response) && isHeaderSource(response.headers)) return response.headers;
  return undefined;
}

/**
 * Value of header `name` (case-insensitive) in `headers`, or `undefined` when absent.
 * Array values (Node's `IncomingHttpHeaders`) yield their first element.
 */
export function readHeader(headers: HeaderSource | undefined, name: string): string | undefined {
  if (headers === undefined) return undefined;
  if (typeof headers.get === 'function') {
    const value = (headers as { get(name: string): unknown }).get(name);
    return typeof value === 'string' ? value : undefined;
  }
  const record = headers as Readonly<Record<string, unknown>>;
  const wanted = name.toLowerCase();
  for (const key of Object.keys(record)) {
    if (key.toLowerCase() !== wanted) continue;
    const value = record[key];
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  }
  return undefined;
}

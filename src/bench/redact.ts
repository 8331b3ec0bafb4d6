/** `text` with every occurrence of `secret` (an API key) replaced by `[redacted]`; `secret` must not be empty. */
export function redact(text: string, secret: string): string {
  return text.split(secret).join('[redacted]');
}

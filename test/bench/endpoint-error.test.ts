import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { answerFailure, connectionFailure } from '../../src/bench/endpoint-error.ts';
import { OpenAITarget } from '../../src/bench/target.ts';

const URL = 'http://127.0.0.1:8000/v1';

describe('answerFailure()', () => {
  it.each([
    [401, 'invalid_api_key', `the endpoint rejected the API key (401 invalid_api_key) at ${URL}`],
    [401, undefined, `the endpoint rejected the API key (401) at ${URL}`],
    [403, undefined, /^the endpoint refused access \(403\)/],
    [404, 'model_not_found', /^the endpoint answered 404 model_not_found at .*check --base-url/],
    [429, 'insufficient_quota', /out of quota$/],
  ])('%i %s stops the run', (status, code, message) => {
    const error = answerFailure(status, code, URL);
    expect(error?.message).toMatch(message);
    expect(error).toMatchObject({ status, code, baseUrl: URL });
  });

  it.each([[200], [429], [500], [503], [400]])('%i does not', (status) => {
    expect(answerFailure(status, undefined, URL)).toBeNull();
  });
});

describe('connectionFailure()', () => {
  const fetchFailure = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });
  it('a refused connection and a host that does not resolve stop the run; a reset does not', () => {
    expect(connectionFailure(fetchFailure('ECONNREFUSED'), URL)?.message).toBe(`the connection was refused (ECONNREFUSED) at ${URL}`);
    expect(connectionFailure(fetchFailure('ENOTFOUND'), URL)?.message).toBe(`the host name does not resolve (ENOTFOUND) at ${URL}`);
    expect(connectionFailure(fetchFailure('ECONNRESET'), URL)).toBeNull();
    expect(connectionFailure(new Error('boom'), URL)).toBeNull();
  });
});

describe('OpenAITarget', () => {
  it('keeps its key out of JSON, inspection and spreads', () => {
    const target = new OpenAITarget(URL, 'gpt-4o-mini', 'sk-secret-123456789');
    expect(target.apiKey()).toBe('sk-secret-123456789');
    expect(JSON.stringify({ target })).toBe(`{"target":{"kind":"openai","baseUrl":"${URL}","model":"gpt-4o-mini"}}`);
    expect(inspect(target, { showHidden: true, depth: 5 })).not.toContain('sk-secret');
    expect(JSON.stringify({ ...target })).not.toContain('sk-secret');
  });
});

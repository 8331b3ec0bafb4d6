import { describe, expect, it } from 'vitest';
import { parseBenchArgs, type BenchArgs } from '../../src/cli/args.ts';
import { apiKeyFrom } from '../../src/cli/target.ts';

const args = (...argv: string[]): BenchArgs => parseBenchArgs(['--target', 'openai', ...argv]) as BenchArgs;

describe('apiKeyFrom()', () => {
  it('reads the key from the named variable', () => {
    expect(apiKeyFrom(args('--api-key-env', 'MY_KEY'), { MY_KEY: 'sk-from-env-123' })).toBe('sk-from-env-123');
  });

  it('tells a variable that is not set from one that is empty', () => {
    expect(() => apiKeyFrom(args(), {})).toThrow(/OPENAI_API_KEY, which is not set/);
    expect(() => apiKeyFrom(args(), { OPENAI_API_KEY: '' })).toThrow(/OPENAI_API_KEY, which is empty/);
  });

  it('refuses a base URL that holds the key, which the results would store', () => {
    const key = 'sk-secret-in-path-123';
    expect(() => apiKeyFrom(args('--base-url', `http://127.0.0.1:8000/${key}/v1`), { OPENAI_API_KEY: key })).toThrow(/--base-url contains the API key/);
  });

  it('also in another letter case or percent-encoded', () => {
    const key = 'sk-secret-in-path-123';
    for (const hidden of [key.toUpperCase(), key.replace('123', '12%33'), encodeURIComponent(key).replace(/-/g, '%2D')]) {
      expect(() => apiKeyFrom(args('--base-url', `http://127.0.0.1:8000/${hidden}/v1`), { OPENAI_API_KEY: key }), hidden).toThrow(/--base-url contains the API key/);
    }
    expect(apiKeyFrom(args('--base-url', 'http://127.0.0.1:8000/%E0%A4%A/v1'), { OPENAI_API_KEY: key }), 'a malformed escape is no key').toBe(key);
  });
});

describe('--model', () => {
  it('refuses an empty or blank model id', () => {
    expect(() => args('--model', '')).toThrow(/Expected a model id such as gpt-4o-mini, got an empty one/);
    expect(() => args('--model', '  ')).toThrow(/got an empty one/);
  });
});

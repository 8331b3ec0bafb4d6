import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/index.ts';
import { createMockProvider, DEFAULT_MODELS, profiles, PROFILE_NAMES } from '../../mocks/index.ts';
import { resolveProviderOptions } from '../../mocks/resolve-options.ts';

describe('resolveProviderOptions()', () => {
  it('defaults to no latency, no limits, no faults, seed 1', () => {
    expect(resolveProviderOptions()).toMatchObject({
      profile: null, latency: { kind: 'constant', value: 0 }, rpm: null, tpm: null, maxInFlight: null, inFlightMode: 'reject',
      load: null, seed: 1, apiKey: null, timeScale: 1, log: 'ring', logLimit: 10_000, faults: { error500: 0, error502: 0, error503: 0, hang: 0, malformed: 0 },
    });
  });

  it('uses the profile as the base and lets explicit options, including null, override it', () => {
    const config = resolveProviderOptions({ profile: 'hosted', rpm: 100, tpm: null });
    expect(config).toMatchObject({ profile: 'hosted', latency: { kind: 'uniform', min: 1000, max: 3000 }, rpm: 100, tpm: null });
  });

  it('replaces the default models with a list, adds to them with a leading +, and accepts any id with *', () => {
    expect(resolveProviderOptions({ models: 'llama3.1:8b, qwen2.5' })).toMatchObject({ models: ['llama3.1:8b', 'qwen2.5'], anyModel: false });
    expect(resolveProviderOptions({ models: ['llama3.1:8b', 'qwen2.5'] })).toMatchObject({ models: ['llama3.1:8b', 'qwen2.5'], anyModel: false });
    expect(resolveProviderOptions({ models: '+llama3.1:8b,qwen2.5' })).toMatchObject({ models: [...DEFAULT_MODELS, 'llama3.1:8b', 'qwen2.5'], anyModel: false });
    expect(resolveProviderOptions({ models: ['+llama3.1:8b', 'gpt-4o'] }).models).toEqual([...DEFAULT_MODELS, 'llama3.1:8b']);
    expect(resolveProviderOptions({ models: '*' })).toMatchObject({ models: DEFAULT_MODELS, anyModel: true });
    expect(resolveProviderOptions({ models: 'llama3.1:8b,*' })).toMatchObject({ models: ['llama3.1:8b'], anyModel: true });
    expect(resolveProviderOptions({})).toMatchObject({ models: DEFAULT_MODELS, anyModel: false });
  });

  it.each([
    [{ rpm: 0 }, /Expected `rpm` to be a number above 0 or null, got `0` \(number\)/],
    [{ rpm: 'fast' }, /Expected `rpm` to be .* got `fast` \(string\)/],
    [{ maxInFlight: 1.5 }, /Expected `maxInFlight` to be an integer from 1 and up or null, got `1.5`/],
    [{ inFlightMode: 'drop' }, /Expected `inFlightMode` to be one of 'reject', 'queue', got `drop`/],
    [{ load: { capacity: 0, factor: 2 } }, /Expected `load.capacity` to be an integer from 1 and up, got `0`/],
    [{ load: { capacity: 4, factor: 0.5 } }, /Expected `load.factor` to be a number from 1 and up, got `0.5`/],
    [{ seed: -1 }, /Expected `seed` to be an integer from 0 to/],
    [{ timeScale: 0 }, /Expected `timeScale` to be a number above 0, got `0`/],
    [{ apiKey: '' }, /Expected `apiKey` to be a non-empty string or null/],
    [{ models: [''] }, /Expected `models` to be a comma-separated list of model ids \(a leading \+ adds them to the defaults, \* accepts any id\), got ``/],
    [{ models: '' }, /Expected `models` to be a comma-separated list of model ids/],
    [{ models: '+' }, /Expected `models` to be a comma-separated list .*, got `\+`/],
    [{ models: 'a,,b' }, /Expected `models` to be a comma-separated list .*, got `a,,b`/],
    [{ models: [] }, /Expected `models` to be a comma-separated list/],
    [{ models: 42 }, /Expected `models` to be a comma-separated string or an array of model ids, got `42`/],
    [{ models: ['a', 1] }, /Expected `models` to be a comma-separated string or an array of model ids/],
    [{ burstRequests: 5 }, /Expected `burstRequests` to be set only together with `rpm`/],
    [{ profile: 'premium' }, /Expected `profile` to be one of 'hosted', 'free-tier', 'local', 'ci', got `premium`/],
    [{ rmp: 60 }, /unknown key `rmp`/],
    [{ latency: 'soon' }, /Failed to parse `latency` spec "soon"/],
    [{ clock: {} }, /Expected `clock` to be a Clock/],
    [{ log: 'all' }, /Expected `log` to be one of 'ring', 'full', got `all`/],
    [{ logLimit: 0 }, /Expected `logLimit` to be an integer from 1 and up, got `0`/],
    [{ logLimit: 2.5 }, /Expected `logLimit` to be an integer from 1 and up, got `2.5`/],
    [{ log: 'full', logLimit: 10 }, /Expected `logLimit` to be set only with `log: 'ring'`/],
    [{ onRequestLogged: 'stdout' }, /Expected `onRequestLogged` to be a function, got `stdout`/],
  ])('throws a TypeError naming the option for %j', (options, message) => {
    expect(() => createMockProvider(options as never)).toThrow(TypeError);
    expect(() => createMockProvider(options as never)).toThrow(message);
  });
});

describe('profiles', () => {
  it('every profile in PROFILE_NAMES resolves', () => {
    for (const name of PROFILE_NAMES) expect(resolveProviderOptions({ profile: name }).profile).toBe(name);
    expect(Object.keys(profiles).sort()).toEqual([...PROFILE_NAMES].sort());
  });

  it('hosted is a typical hosted API: 1–3 s, 500 RPM, 200k TPM', () => {
    expect(createMockProvider({ profile: 'hosted' }).describe()).toMatchObject({ latency: 'uniform:1s..3s', rpm: 500, tpm: 200_000, load: null });
  });

  it('local has capacity 4 with a load knee; ci is fixed and unlimited', () => {
    expect(createMockProvider({ profile: 'local' }).describe()).toMatchObject({ load: 'capacity=4,factor=3', rpm: null, latency: 'ttft=300ms,tpot=20ms' });
    expect(createMockProvider({ profile: 'ci' }).describe()).toMatchObject({ latency: '50ms', outputTokens: '16', rpm: null, tpm: null });
    expect(createMockProvider({ profile: 'free-tier' }).describe()).toMatchObject({ rpm: 60, tpm: 40_000 });
  });
});

describe('createMockProvider()', () => {
  it('.describe() summarises the scenario', () => {
    const provider = createMockProvider({ latency: 'uniform:1s..3s', rpm: 500, tpm: 200_000, errorRate: 0.03, maxInFlight: 8, seed: 7 });
    expect(provider.describe()).toEqual({
      profile: null, latency: 'uniform:1s..3s', outputTokens: 'uniform:50..250', rpm: 500, tpm: 200_000, burstRequests: null, burstTokens: null,
      maxInFlight: '8 (reject)', load: null, faults: 'error500=0.01,error502=0.01,error503=0.01', apiKey: null, timeScale: 1, seed: 7,
    });
  });

  it('.clock is the injected clock and .baseURL the documented one', () => {
    const clock = new VirtualClock();
    const provider = createMockProvider({ clock });
    expect(provider.clock).toBe(clock);
    expect(provider.baseURL).toBe('http://mock-llm.local/v1');
  });

  it('.reset() validates the new seed and updates config', () => {
    const provider = createMockProvider();
    provider.reset({ seed: 9 });
    expect(provider.config.seed).toBe(9);
    expect(() => provider.reset({ seed: 1.5 })).toThrow(/Expected `seed` to be an integer/);
  });
});

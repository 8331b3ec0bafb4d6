/** Parsing, formatting and validation of distribution specs such as `uniform:1s..3s`. */
import type { Distribution } from '../engine/distribution.ts';
import { SpecReason } from './spec-error.ts';

/** The names {@link parseDistribution} accepts before the colon. */
export const DISTRIBUTION_KINDS = ['constant', 'uniform', 'normal', 'lognormal', 'exponential'] as const;

const isNonNegative = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;

/** Returns why `d` is not a valid distribution, or `null` when it is. */
export function distributionProblem(d: unknown): string | null {
  if (typeof d !== 'object' || d === null) return 'expected a distribution object';
  const x = d as Record<string, unknown>;
  const need = (...keys: string[]): string | null => {
    for (const key of keys) if (!isNonNegative(x[key])) return `\`${key}\` must be a finite number from 0 and up, got \`${String(x[key])}\``;
    return null;
  };
  switch (x.kind) {
    case 'constant':
      return need('value');
    case 'uniform':
      return need('min', 'max') ?? ((x.min as number) > (x.max as number) ? `min (${String(x.min)}) is above max (${String(x.max)})` : null);
    case 'normal':
      return need('mean', 'sd');
    case 'lognormal':
      return (
        need('median', 'p99') ??
        ((x.median as number) <= 0 ? 'median must be above 0' : null) ??
        ((x.p99 as number) < (x.median as number) ? `p99 (${String(x.p99)}) is below median (${String(x.median)})` : null)
      );
    case 'exponential':
      return need('mean');
    default:
      return `unknown kind \`${String(x.kind)}\` (use one of ${DISTRIBUTION_KINDS.join(', ')})`;
  }
}

/** Parses `key=value,key=value` into a map, requiring exactly `keys`. */
function params(text: string, keys: readonly string[], value: (t: string) => number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim();
    if (eq < 0 || !keys.includes(key)) throw new SpecReason(`expected ${keys.map((k) => `${k}=…`).join(',')}, got "${part}"`);
    if (key in out) throw new SpecReason(`\`${key}\` is given twice`);
    out[key] = value(part.slice(eq + 1));
  }
  for (const key of keys) if (!(key in out)) throw new SpecReason(`missing \`${key}=…\``);
  return out;
}

/**
 * Parses `A` / `constant:A`, `uniform:A..B`, `normal:mean=A,sd=B`, `lognormal:median=A,p99=B`
 * or `exponential:mean=A`, reading each value with `value` (a duration or a count).
 * @throws {SpecReason} with a short reason on bad input.
 */
export function parseDistribution(text: string, value: (t: string) => number): Distribution {
  const colon = text.indexOf(':');
  const kind = colon < 0 ? 'constant' : text.slice(0, colon).trim();
  const body = colon < 0 ? text : text.slice(colon + 1);
  let d: Distribution;
  switch (kind) {
    case 'constant':
      d = { kind, value: value(body) };
      break;
    case 'uniform': {
      const range = body.split('..');
      if (range.length !== 2) throw new SpecReason(`expected uniform:MIN..MAX, got "${text}"`);
      d = { kind, min: value(range[0]!), max: value(range[1]!) };
      break;
    }
    case 'normal': {
      const p = params(body, ['mean', 'sd'], value);
      d = { kind, mean: p.mean!, sd: p.sd! };
      break;
    }
    case 'lognormal': {
      const p = params(body, ['median', 'p99'], value);
      d = { kind, median: p.median!, p99: p.p99! };
      break;
    }
    case 'exponential':
      d = { kind, mean: params(body, ['mean'], value).mean! };
      break;
    default:
      throw new SpecReason(`unknown distribution "${kind}" (use one of ${DISTRIBUTION_KINDS.join(', ')})`);
  }
  const problem = distributionProblem(d);
  if (problem !== null) throw new SpecReason(problem);
  return d;
}

/** Formats a distribution in the syntax {@link parseDistribution} reads. */
export function formatDistribution(d: Distribution, value: (x: number) => string): string {
  switch (d.kind) {
    case 'constant':
      return value(d.value);
    case 'uniform':
      return `uniform:${value(d.min)}..${value(d.max)}`;
    case 'normal':
      return `normal:mean=${value(d.mean)},sd=${value(d.sd)}`;
    case 'lognormal':
      return `lognormal:median=${value(d.median)},p99=${value(d.p99)}`;
    case 'exponential':
      return `exponential:mean=${value(d.mean)}`;
  }
}

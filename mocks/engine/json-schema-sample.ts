/**
 * A deterministic JSON Schema sampler: the same schema and seed give the same value, and the
 * value is valid for the schema. It covers what structured-output and tool schemas use
 * (types, `enum`, `const`, `required`, nested objects and arrays, `additionalProperties`,
 * length, item and numeric bounds, `format`, `anyOf`, `$ref` into `$defs`/`definitions`);
 * a schema it cannot satisfy is refused up front with a {@link SchemaSampleError}.
 */
import { createRng, type Rng } from '../../src/core/index.ts';
import {
  checkSchema, child, countRange, declaredTypes, jsonTypeOf, numericBounds, resolveRef, SchemaSampleError, typeAllows,
  type JsonType, type SchemaNode,
} from './json-schema-check.ts';
import { FORMAT_SAMPLES, sampleNumber, sampleString } from './json-schema-scalars.ts';

export { SchemaSampleError } from './json-schema-check.ts';

/** Nesting (objects, arrays, `$ref` hops) beyond which a schema is refused as too deeply recursive. */
export const MAX_SCHEMA_DEPTH = 24;
/** Below this nesting depth samples take only what is required (fewest items, no optional properties). */
const RICH_DEPTH = 4;
/** Schema nodes one sample may visit; beyond half of it the sample turns minimal. */
const NODE_BUDGET = 20_000;

/** A compiled schema: {@link sample} draws one valid value. */
export interface JsonSchemaSampler {
  /** A value valid for the schema, a function of the schema and `rng`'s state. */
  sample(rng: Rng): unknown;
}

/** Thrown inside a walk when a branch nests deeper than {@link MAX_SCHEMA_DEPTH}; another `anyOf` branch may still work. */
class TooDeep extends Error {
  constructor(readonly pointer: string) {
    super('too deep');
  }
}

interface Walk {
  rng: Rng;
  /** Take only what is required (the feasibility run, or past the budget). */
  minimal: boolean;
  visited: number;
}

/**
 * Checks `schema` and returns its sampler.
 * @throws {SchemaSampleError} for a schema the sampler cannot satisfy: an unknown `type`,
 * contradictory bounds, an unsupported keyword (`not`, `allOf`, `oneOf`, `pattern` without a
 * matching `format`, …), an unresolvable `$ref`, or recursion with no way out within
 * {@link MAX_SCHEMA_DEPTH} levels.
 */
export function compileJsonSchema(schema: unknown): JsonSchemaSampler {
  checkSchema(schema);
  const root = schema as SchemaNode;
  const run = (walk: Walk): unknown => {
    try {
      return sampleNode(root, root, '#', 0, walk);
    } catch (error) {
      if (error instanceof TooDeep) throw new SchemaSampleError(`the schema recurses deeper than ${MAX_SCHEMA_DEPTH} levels with no optional way out`, error.pointer);
      throw error;
    }
  };
  // The smallest instance: if even it cannot be built, no draw can.
  run({ rng: createRng(0), minimal: true, visited: 0 });
  return { sample: (rng) => run({ rng, minimal: false, visited: 0 }) };
}

/** One value for `schema` drawn with `rng` (compiles the schema each call; keep a {@link compileJsonSchema} result to reuse it). */
export function sampleJsonSchema(schema: unknown, rng: Rng): unknown {
  return compileJsonSchema(schema).sample(rng);
}

function sampleNode(root: SchemaNode, node: SchemaNode, pointer: string, depth: number, walk: Walk): unknown {
  if (depth > MAX_SCHEMA_DEPTH) throw new TooDeep(pointer);
  if (++walk.visited > NODE_BUDGET) throw new SchemaSampleError(`the schema needs more than ${NODE_BUDGET} nodes for one value`, pointer);
  if (walk.visited > NODE_BUDGET / 2) walk.minimal = true;
  if (node === true) return sampleString(walk.rng, 1, 12);
  if (node === false) throw new SchemaSampleError('the schema `false` allows no value', pointer);
  if (node.$ref !== undefined) {
    const target = resolveRef(root, node.$ref, pointer);
    return sampleNode(root, target.node, target.pointer, depth + 1, walk);
  }
  if (node.const !== undefined) return structuredClone(node.const);
  const types = declaredTypes(node, pointer);
  if (Array.isArray(node.enum)) {
    const allowed = types === null ? node.enum : node.enum.filter((v) => typeAllows(types, jsonTypeOf(v)));
    return structuredClone(allowed[walk.minimal ? 0 : walk.rng.int(0, allowed.length - 1)]);
  }
  if (Array.isArray(node.anyOf)) return sampleAnyOf(root, node.anyOf as SchemaNode[], pointer, depth, walk);
  const type = pickType(types ?? inferTypes(node), walk);
  return sampleTyped(root, node, type, pointer, depth, walk);
}

/** Tries the branches (in a drawn order, or in order when minimal) until one fits within the depth. */
function sampleAnyOf(root: SchemaNode, branches: SchemaNode[], pointer: string, depth: number, walk: Walk): unknown {
  const order = branches.map((_, i) => i);
  if (!walk.minimal) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = walk.rng.int(0, i);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
  }
  let last: TooDeep | undefined;
  for (const i of order) {
    try {
      return sampleNode(root, branches[i]!, child(pointer, 'anyOf', i), depth + 1, walk);
    } catch (error) {
      if (!(error instanceof TooDeep)) throw error;
      last = error;
    }
  }
  throw last ?? new TooDeep(pointer);
}

/** The types a node without `type` allows, judged from its keywords (any scalar when it has none). */
function inferTypes(node: Readonly<Record<string, unknown>>): JsonType[] {
  if (node.properties !== undefined || node.required !== undefined || node.additionalProperties !== undefined) return ['object'];
  if (node.items !== undefined || node.minItems !== undefined || node.maxItems !== undefined) return ['array'];
  if (node.minimum !== undefined || node.maximum !== undefined || node.multipleOf !== undefined) return ['number'];
  return ['string'];
}

/** Simplest first: a minimal walk ends recursion through `null` or a scalar where the schema allows it. */
const SIMPLEST: readonly JsonType[] = ['null', 'boolean', 'integer', 'number', 'string', 'array', 'object'];

function pickType(types: readonly JsonType[], walk: Walk): JsonType {
  if (walk.minimal) return SIMPLEST.find((t) => types.includes(t))!;
  return types[walk.rng.int(0, types.length - 1)]!;
}

function sampleTyped(root: SchemaNode, node: Readonly<Record<string, unknown>>, type: JsonType, pointer: string, depth: number, walk: Walk): unknown {
  const { rng } = walk;
  switch (type) {
    case 'null':
      return null;
    case 'boolean':
      return rng.next() < 0.5;
    case 'integer':
    case 'number': {
      const value = sampleNumber(rng, numericBounds(node, pointer), type === 'integer');
      if (value === null) throw new SchemaSampleError(`no ${type} satisfies the bounds`, pointer);
      return value;
    }
    case 'string': {
      const format = typeof node.format === 'string' ? FORMAT_SAMPLES[node.format] : undefined;
      if (format !== undefined) return format(rng);
      const [min, max] = countRange(node, 'minLength', 'maxLength', pointer);
      return sampleString(rng, min, max);
    }
    case 'array':
      return sampleArray(root, node, pointer, depth, walk);
    case 'object':
      return sampleObject(root, node, pointer, depth, walk);
  }
}

function sampleArray(root: SchemaNode, node: Readonly<Record<string, unknown>>, pointer: string, depth: number, walk: Walk): unknown[] {
  const [min, max] = countRange(node, 'minItems', 'maxItems', pointer);
  const rich = !walk.minimal && depth < RICH_DEPTH;
  const length = rich ? walk.rng.int(min, Math.min(max, Math.max(min, 1) + 2)) : min;
  const items = (node.items ?? true) as SchemaNode;
  const out: unknown[] = [];
  for (let i = 0; i < length; i++) out.push(sampleNode(root, items, child(pointer, 'items'), depth + 1, walk));
  return out;
}

function sampleObject(root: SchemaNode, node: Readonly<Record<string, unknown>>, pointer: string, depth: number, walk: Walk): Record<string, unknown> {
  const properties = (node.properties ?? {}) as Record<string, SchemaNode>;
  const required = new Set((node.required ?? []) as string[]);
  const rich = !walk.minimal && depth < RICH_DEPTH;
  // No prototype: a property named `__proto__` stays an ordinary key.
  const out = Object.create(null) as Record<string, unknown>;
  for (const [key, sub] of Object.entries(properties)) {
    if (!required.has(key) && !(rich && walk.rng.next() < 0.5)) continue;
    out[key] = sampleNode(root, sub, child(pointer, 'properties', key), depth + 1, walk);
  }
  // Required names `properties` does not list: valid under `additionalProperties` (checked not to be false).
  const extra = (typeof node.additionalProperties === 'object' ? node.additionalProperties : true) as SchemaNode;
  for (const key of required) {
    if (!Object.hasOwn(properties, key)) out[key] = sampleNode(root, extra, child(pointer, 'additionalProperties'), depth + 1, walk);
  }
  return out;
}

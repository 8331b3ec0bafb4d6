/**
 * The static half of the JSON Schema sampler: resolves `$ref`s and checks, before any
 * request is served, that every reachable part of a schema is one the sampler can satisfy.
 * Anything it cannot honour is a {@link SchemaSampleError}, never a silently invalid sample.
 */
import { createRng } from '../../src/core/index.ts';
import { FORMAT_SAMPLES, sampleNumber, type NumericBounds } from './json-schema-scalars.ts';

/** Why a schema cannot be sampled, and where (`#/properties/x`, a JSON pointer into it). */
export class SchemaSampleError extends Error {
  override readonly name = 'SchemaSampleError';
  constructor(
    message: string,
    /** JSON pointer to the offending part of the schema. */
    readonly pointer: string,
  ) {
    super(`${message} (at ${pointer})`);
  }
}

/** A schema node: an object of keywords, or `true`/`false`. */
export type SchemaNode = Readonly<Record<string, unknown>> | boolean;

/** The JSON types the sampler produces. */
export const JSON_TYPES = ['string', 'number', 'integer', 'boolean', 'null', 'object', 'array'] as const;
export type JsonType = (typeof JSON_TYPES)[number];

/** Keywords that constrain values in ways the sampler does not implement. */
const UNSUPPORTED = [
  'not', 'allOf', 'oneOf', 'if', 'then', 'else', 'patternProperties', 'propertyNames', 'dependentRequired', 'dependentSchemas',
  'dependencies', 'minProperties', 'maxProperties', 'contains', 'minContains', 'maxContains', 'prefixItems', 'unevaluatedProperties',
  'unevaluatedItems', '$dynamicRef', '$recursiveRef',
];
/** Keywords that may sit next to `$ref` or `anyOf` without constraining anything. */
const ANNOTATIONS = new Set(['title', 'description', 'default', 'examples', '$comment', '$schema', '$id', '$defs', 'definitions', 'deprecated', 'readOnly', 'writeOnly', 'nullable']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const escape = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');
/** `pointer` extended by one JSON-pointer segment. */
export const child = (pointer: string, ...keys: Array<string | number>): string => `${pointer}/${keys.map((k) => escape(String(k))).join('/')}`;

/** The JSON type of a value, as `type` names it (`integer` for whole numbers). */
export function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

/** Whether a value of JSON type `actual` is allowed by `types` (an integer is also a number). */
export const typeAllows = (types: readonly JsonType[], actual: JsonType): boolean =>
  types.includes(actual) || (actual === 'integer' && types.includes('number'));

/** The types a node names (`type` as a string or an array), or `null` if it names none. */
export function declaredTypes(node: Readonly<Record<string, unknown>>, pointer: string): JsonType[] | null {
  const { type } = node;
  if (type === undefined) return null;
  const types = Array.isArray(type) ? type : [type];
  if (types.length === 0) throw new SchemaSampleError('`type` is an empty array', child(pointer, 'type'));
  for (const t of types) {
    if (!JSON_TYPES.includes(t as JsonType)) throw new SchemaSampleError(`unknown type ${JSON.stringify(t)}; expected one of ${JSON_TYPES.join(', ')}`, child(pointer, 'type'));
  }
  return types as JsonType[];
}

/** Resolves a local `$ref` (`#`, `#/$defs/X`, `#/definitions/X`, any `#/…` pointer) against `root`. */
export function resolveRef(root: SchemaNode, ref: unknown, pointer: string): { node: SchemaNode; pointer: string } {
  if (typeof ref !== 'string' || !ref.startsWith('#')) throw new SchemaSampleError(`only local $refs (starting with #) are supported, got ${JSON.stringify(ref)}`, pointer);
  let node: unknown = root;
  const segments = ref === '#' || ref === '#/' ? [] : ref.slice(2).split('/');
  for (const raw of segments) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isRecord(node) || Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined;
    if (node === undefined) throw new SchemaSampleError(`$ref ${JSON.stringify(ref)} points at nothing`, pointer);
  }
  if (!isRecord(node) && typeof node !== 'boolean') throw new SchemaSampleError(`$ref ${JSON.stringify(ref)} does not point at a schema`, pointer);
  return { node, pointer: ref };
}

const count = (node: Readonly<Record<string, unknown>>, key: string, pointer: string): number | null => {
  const v = node[key];
  if (v === undefined) return null;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new SchemaSampleError(`\`${key}\` must be a non-negative integer`, child(pointer, key));
  return v;
};

/** `[min, max]` from a pair of count keywords, checked to be non-empty. */
export function countRange(node: Readonly<Record<string, unknown>>, minKey: string, maxKey: string, pointer: string): [number, number] {
  const min = count(node, minKey, pointer) ?? 0;
  const max = count(node, maxKey, pointer) ?? Infinity;
  if (min > max) throw new SchemaSampleError(`\`${minKey}\` (${min}) is greater than \`${maxKey}\` (${max})`, pointer);
  return [min, max];
}

/** The numeric bounds of a node (draft-4 boolean and draft-6+ numeric exclusive bounds both). */
export function numericBounds(node: Readonly<Record<string, unknown>>, pointer: string): NumericBounds {
  const num = (key: string): number | null => {
    const v = node[key];
    if (v === undefined || typeof v === 'boolean') return null;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new SchemaSampleError(`\`${key}\` must be a number`, child(pointer, key));
    return v;
  };
  const b: NumericBounds = { min: num('minimum'), max: num('maximum'), exclusiveMin: node.exclusiveMinimum === true, exclusiveMax: node.exclusiveMaximum === true, multipleOf: num('multipleOf') };
  const exMin = num('exclusiveMinimum');
  const exMax = num('exclusiveMaximum');
  if (exMin !== null && (b.min === null || exMin >= b.min)) Object.assign(b, { min: exMin, exclusiveMin: true });
  if (exMax !== null && (b.max === null || exMax <= b.max)) Object.assign(b, { max: exMax, exclusiveMax: true });
  if (b.multipleOf !== null && b.multipleOf <= 0) throw new SchemaSampleError('`multipleOf` must be greater than 0', child(pointer, 'multipleOf'));
  return b;
}

/** Checks every node reachable from `root` once; throws {@link SchemaSampleError} on the first it cannot sample. */
export function checkSchema(root: unknown): void {
  if (!isRecord(root) && typeof root !== 'boolean') throw new SchemaSampleError('a schema must be an object or a boolean', '#');
  const seen = new Set<unknown>();
  const visit = (node: unknown, pointer: string): void => {
    if (typeof node === 'boolean') return;
    if (!isRecord(node)) throw new SchemaSampleError('a schema must be an object or a boolean', pointer);
    if (seen.has(node)) return;
    seen.add(node);
    checkNode(node, pointer);
    if (node.$ref !== undefined) {
      const target = resolveRef(root, node.$ref, pointer);
      return visit(target.node, target.pointer);
    }
    if (isRecord(node.properties)) for (const [key, sub] of Object.entries(node.properties)) visit(sub, child(pointer, 'properties', key));
    if (node.items !== undefined) visit(node.items, child(pointer, 'items'));
    if (isRecord(node.additionalProperties)) visit(node.additionalProperties, child(pointer, 'additionalProperties'));
    if (Array.isArray(node.anyOf)) node.anyOf.forEach((sub: unknown, i) => visit(sub, child(pointer, 'anyOf', i)));
  };
  visit(root, '#');
}

function onlyAnnotationsBeside(node: Readonly<Record<string, unknown>>, keyword: string, pointer: string): void {
  for (const key of Object.keys(node)) {
    if (key !== keyword && !ANNOTATIONS.has(key)) throw new SchemaSampleError(`\`${key}\` next to \`${keyword}\` is not supported; move it into the referenced schema or each branch`, child(pointer, key));
  }
}

/** The checks of a single node, without descending. */
function checkNode(node: Readonly<Record<string, unknown>>, pointer: string): void {
  for (const key of UNSUPPORTED) if (node[key] !== undefined) throw new SchemaSampleError(`the \`${key}\` keyword is not supported by the mock's sampler`, child(pointer, key));
  if (node.uniqueItems === true) throw new SchemaSampleError('the `uniqueItems` keyword is not supported by the mock\'s sampler', child(pointer, 'uniqueItems'));
  if (node.$ref !== undefined) return onlyAnnotationsBeside(node, '$ref', pointer);
  if (node.anyOf !== undefined) {
    if (!Array.isArray(node.anyOf) || node.anyOf.length === 0) throw new SchemaSampleError('`anyOf` must be a non-empty array', child(pointer, 'anyOf'));
    return onlyAnnotationsBeside(node, 'anyOf', pointer);
  }
  const types = declaredTypes(node, pointer);
  if (node.enum !== undefined) {
    if (!Array.isArray(node.enum) || node.enum.length === 0) throw new SchemaSampleError('`enum` must be a non-empty array', child(pointer, 'enum'));
    if (types !== null && !node.enum.some((v) => typeAllows(types, jsonTypeOf(v)))) throw new SchemaSampleError('no `enum` value has the declared `type`', child(pointer, 'enum'));
  }
  if (node.const !== undefined && types !== null && !typeAllows(types, jsonTypeOf(node.const))) throw new SchemaSampleError('`const` does not have the declared `type`', child(pointer, 'const'));
  countRange(node, 'minLength', 'maxLength', pointer);
  countRange(node, 'minItems', 'maxItems', pointer);
  if (node.items === false && (count(node, 'minItems', pointer) ?? 0) > 0) throw new SchemaSampleError('`items: false` allows no item but `minItems` asks for some', pointer);
  checkString(node, pointer);
  if (types === null || types.includes('number') || types.includes('integer')) checkNumbers(node, types, pointer);
  checkObject(node, pointer);
}

function checkString(node: Readonly<Record<string, unknown>>, pointer: string): void {
  const { format, pattern } = node;
  const sampler = typeof format === 'string' ? FORMAT_SAMPLES[format] : undefined;
  if (pattern === undefined) {
    if (sampler === undefined) return;
    const [min, max] = countRange(node, 'minLength', 'maxLength', pointer);
    const length = sampler(createRng(0)).length;
    if (length < min || length > max) throw new SchemaSampleError(`a \`${String(format)}\` string cannot meet minLength ${min} / maxLength ${max}`, pointer);
    return;
  }
  if (typeof pattern !== 'string') throw new SchemaSampleError('`pattern` must be a string', child(pointer, 'pattern'));
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'u');
  } catch {
    throw new SchemaSampleError('`pattern` is not a valid regular expression', child(pointer, 'pattern'));
  }
  // A pattern is honoured only through a known format whose samples all match it (zod pairs `email` with one).
  if (sampler === undefined || !Array.from({ length: 16 }, (_, i) => sampler(createRng(i))).every((s) => regex.test(s))) {
    throw new SchemaSampleError('`pattern` is supported only together with a `format` whose samples match it (date-time, date, time, duration, email, hostname, ipv4, ipv6, uuid, uri)', child(pointer, 'pattern'));
  }
}

function checkNumbers(node: Readonly<Record<string, unknown>>, types: readonly JsonType[] | null, pointer: string): void {
  const bounds = numericBounds(node, pointer);
  const integer = types !== null && !types.includes('number');
  for (let i = 0; i < 8; i++) {
    if (sampleNumber(createRng(i), bounds, integer) === null) throw new SchemaSampleError(`no ${integer ? 'integer' : 'number'} satisfies the bounds`, pointer);
  }
}

function checkObject(node: Readonly<Record<string, unknown>>, pointer: string): void {
  const { properties, required, additionalProperties } = node;
  if (properties !== undefined && !isRecord(properties)) throw new SchemaSampleError('`properties` must be an object', child(pointer, 'properties'));
  if (required === undefined) return;
  if (!Array.isArray(required) || !required.every((r) => typeof r === 'string')) throw new SchemaSampleError('`required` must be an array of strings', child(pointer, 'required'));
  for (const key of required as string[]) {
    if (isRecord(properties) && Object.hasOwn(properties, key)) continue;
    if (additionalProperties === false) throw new SchemaSampleError(`required property ${JSON.stringify(key)} is not in \`properties\` and \`additionalProperties\` is false`, child(pointer, 'required'));
  }
}

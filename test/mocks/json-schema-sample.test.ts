import { Ajv } from 'ajv';
import fc from 'fast-check';
import { zodResponseFormat } from 'openai/helpers/zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { z as z3 } from 'zod/v3';
import { createRng } from '../../src/core/index.ts';
import { compileJsonSchema, MAX_SCHEMA_DEPTH, SchemaSampleError } from '../../mocks/engine/json-schema-sample.ts';

/** A validator that checks every keyword the sampler honours (formats are checked separately below). */
const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });

function expectValid(schema: object, value: unknown): void {
  const validate = ajv.compile(schema);
  if (!validate(value)) throw new Error(`Sample ${JSON.stringify(value)} fails ${JSON.stringify(schema)}: ${ajv.errorsText(validate.errors)}`);
}

const key = fc.constantFrom('a', 'b', 'city', 'unit', 'count', 'constructor', 'x/y', 'k~1');
const stringSchema = fc.oneof(
  fc.tuple(fc.nat(10), fc.nat(20)).map(([min, extra]) => ({ type: 'string', minLength: min, maxLength: min + extra })),
  fc.constantFrom('date-time', 'date', 'time', 'email', 'uuid', 'ipv4', 'uri', 'hostname').map((format) => ({ type: 'string', format })),
);
const numberSchema = fc.oneof(
  fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 2, max: 500 }), fc.boolean(), fc.boolean()).map(([min, width, exMin, exMax]) => ({
    type: 'number', ...(exMin ? { exclusiveMinimum: min } : { minimum: min }), ...(exMax ? { exclusiveMaximum: min + width } : { maximum: min + width }),
  })),
  fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.constantFrom(1, 2, 3, 7), fc.nat(50)).map(([min, m, extra]) => ({ type: 'integer', minimum: min, maximum: min + 2 * m + extra, multipleOf: m })),
  fc.constantFrom({ type: 'integer' }, { type: 'number', multipleOf: 0.25, minimum: 0, maximum: 3 }, { type: 'integer', minimum: -9007199254740991, maximum: 9007199254740991 }),
);
const scalarSchema = fc.oneof(
  stringSchema, numberSchema,
  fc.constantFrom({ type: 'boolean' }, { type: 'null' }, { type: ['string', 'null'] }, { enum: ['red', 'green', 3, null] }, { type: 'string', enum: ['x', 'y'] }, { const: { nested: [1, 2] } }, {}),
);
const { schema: schemaArb } = fc.letrec<{ schema: object; object: object; array: object; anyOf: object }>((tie) => ({
  schema: fc.oneof({ maxDepth: 3, depthIdentifier: 'schema' }, scalarSchema, tie('object'), tie('array'), tie('anyOf')),
  object: fc.tuple(fc.dictionary(key, tie('schema'), { maxKeys: 4 }), fc.boolean(), fc.func(fc.boolean())).map(([properties, closed, isRequired]) => ({
    type: 'object', properties, required: Object.keys(properties).filter((k) => isRequired(k)), ...(closed ? { additionalProperties: false } : {}),
  })),
  array: fc.tuple(tie('schema'), fc.nat(3), fc.nat(4)).map(([items, min, extra]) => ({ type: 'array', items, minItems: min, maxItems: min + extra })),
  anyOf: fc.array(tie('schema'), { minLength: 1, maxLength: 3 }).map((anyOf) => ({ anyOf })),
}));

describe('compileJsonSchema: samples are valid and deterministic', () => {
  it('every sample of a generated schema validates against it (ajv), and the same seed gives the same sample', () => {
    fc.assert(
      fc.property(schemaArb, fc.integer(), (schema, seed) => {
        const sampler = compileJsonSchema(schema);
        const value = sampler.sample(createRng(seed));
        expectValid(schema, value);
        expect(JSON.stringify(sampler.sample(createRng(seed)))).toBe(JSON.stringify(value));
      }),
      { numRuns: 300 },
    );
  });

  it('formats come out in their format (checked with the patterns zod uses)', () => {
    const schema = zodResponseFormat(z.object({ email: z.email(), when: z.iso.datetime(), day: z.iso.date(), id: z.uuid() }), 'formats').json_schema.schema!;
    const strict = new Ajv({ strict: false, validateFormats: false });
    const validate = strict.compile(schema);
    const sampler = compileJsonSchema(schema);
    for (let seed = 0; seed < 50; seed++) expect(validate(sampler.sample(createRng(seed))), JSON.stringify(validate.errors)).toBe(true);
  });

  it('zod schemas (via zodResponseFormat: definitions, $ref, nullable anyOf, recursion, enums) sample validly', () => {
    type Tree = { label: string; children: Tree[] };
    const tree: z.ZodType<Tree> = z.lazy(() => z.object({ label: z.string(), children: z.array(tree) }));
    const Order = z.object({
      id: z.number().int().min(1),
      status: z.enum(['open', 'paid', 'shipped']),
      note: z.string().nullable(),
      lines: z.array(z.object({ sku: z.string().min(3).max(8), qty: z.number().int().min(1).max(9), price: z.number().min(0) })).min(1).max(3),
      payment: z.discriminatedUnion('kind', [z.object({ kind: z.literal('card'), last4: z.string().length(4) }), z.object({ kind: z.literal('cash') })]),
      tree,
    });
    const schema = zodResponseFormat(Order, 'order').json_schema.schema!;
    const sampler = compileJsonSchema(schema);
    for (let seed = 0; seed < 100; seed++) {
      const value = sampler.sample(createRng(seed));
      expectValid(schema, value);
      expect(Order.safeParse(value).success).toBe(true);
    }
  });

  it('zod 3 schemas (the SDK converts them with its own zod-to-json-schema: $refs to repeated objects) sample validly too', () => {
    const Address = z3.object({ street: z3.string(), zip: z3.string().length(5) });
    const Person = z3.object({ home: Address, work: Address.nullable(), email: z3.string().email(), age: z3.number().int().positive(), past: z3.array(Address).max(2) });
    const schema = zodResponseFormat(Person, 'person').json_schema.schema!;
    const sampler = compileJsonSchema(schema);
    for (let seed = 0; seed < 50; seed++) {
      const value = sampler.sample(createRng(seed));
      expectValid(schema, value);
      expect(Person.safeParse(value).success).toBe(true);
    }
  });

  it('follows $ref into $defs and definitions, percent-encoded and escaped names, and # itself', () => {
    const schema = {
      $defs: { 'a b': { type: 'integer', const: 5 } },
      definitions: { 'x/y': { type: 'string', enum: ['q'] } },
      type: 'object',
      properties: { n: { $ref: '#/$defs/a%20b' }, s: { $ref: '#/definitions/x~1y' }, self: { anyOf: [{ type: 'null' }, { $ref: '#' }] } },
      required: ['n', 's', 'self'],
      additionalProperties: false,
    };
    for (let seed = 0; seed < 20; seed++) {
      const value = compileJsonSchema(schema).sample(createRng(seed)) as { n: number; s: string };
      expectValid(schema, value);
      expect([value.n, value.s]).toEqual([5, 'q']);
    }
  });
});

describe('compileJsonSchema: schemas it cannot satisfy are refused with the path', () => {
  const cases: Array<[string, unknown, string]> = [
    ['an unknown type', { type: 'object', properties: { a: { type: 'float' } } }, '#/properties/a/type'],
    ['minimum above maximum', { type: 'integer', minimum: 5, maximum: 1 }, '#'],
    ['minLength above maxLength', { type: 'string', minLength: 5, maxLength: 1 }, '#'],
    ['minItems above maxItems', { type: 'array', minItems: 3, maxItems: 2 }, '#'],
    ['not', { not: { type: 'string' } }, '#/not'],
    ['allOf', { allOf: [{ type: 'string' }] }, '#/allOf'],
    ['oneOf', { oneOf: [{ type: 'string' }] }, '#/oneOf'],
    ['a pattern with no format', { type: 'string', pattern: '^a+$' }, '#/pattern'],
    ['an empty enum', { enum: [] }, '#/enum'],
    ['an enum without a value of the type', { type: 'string', enum: [1, 2] }, '#/enum'],
    ['a required self-reference', { type: 'object', properties: { a: { $ref: '#' } }, required: ['a'] }, '#/properties/a'],
    ['a $ref to nothing', { $ref: '#/$defs/missing' }, '#'],
    ['a remote $ref', { $ref: 'https://example.com/s.json' }, '#'],
    ['a required property additionalProperties forbids', { type: 'object', properties: {}, required: ['a'], additionalProperties: false }, '#/required'],
    ['the schema false', { type: 'object', properties: { a: false }, required: ['a'] }, '#/properties/a'],
    ['an integer between 0.2 and 0.8', { type: 'integer', minimum: 0.2, maximum: 0.8 }, '#'],
  ];
  it.each(cases)('%s', (_name, schema, pointer) => {
    let error: unknown;
    try {
      compileJsonSchema(schema);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SchemaSampleError);
    expect((error as SchemaSampleError).pointer).toBe(pointer);
  });

  it(`refuses only recursion that cannot stop within ${MAX_SCHEMA_DEPTH} levels; optional recursion samples finitely`, () => {
    const chain = { $defs: { n: { type: 'object', properties: { next: { $ref: '#/$defs/n' } }, required: [] } }, $ref: '#/$defs/n' };
    expectValid(chain, compileJsonSchema(chain).sample(createRng(1)));
    expect(() => compileJsonSchema({ $defs: { n: { type: 'array', minItems: 1, items: { $ref: '#/$defs/n' } } }, $ref: '#/$defs/n' })).toThrow(/deeper than 24 levels/);
  });
});

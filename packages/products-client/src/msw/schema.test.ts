import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { spec } from '../generated/spec.ts';
import { allIssues, assertSupported, firstIssue } from './schema.ts';
import { ProductsMockError } from './errors.ts';

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

const components = (spec as { components: { schemas: Record<string, unknown> } }).components;
const ajv = new Ajv({ strict: false });
addFormats(ajv);

const product = {
  id: 'android',
  name: 'Android phone',
  description: 'A phone.',
  price: 199.99,
  createdAt: '2026-11-26T10:00:00.000Z',
  updatedAt: '2026-11-26T10:00:00.000Z',
  createdBy: 'client',
  version: 1,
};

// Valid and invalid values for each schema of the spec: every keyword the spec uses, on both sides.
const cases: Record<string, unknown[]> = {
  NewProduct: [
    { name: 'x' },
    { id: 'a_b-C9', name: 'x', description: '', price: 0 },
    {},
    { name: '' },
    { name: 'x'.repeat(200) },
    { name: 'x'.repeat(201) },
    { name: '😀'.repeat(200) },
    { name: 'x', extra: 1 },
    { name: 'x', id: 'bad id' },
    { name: 'x', id: '' },
    { name: 'x', id: 'a'.repeat(65) },
    { name: 'x', price: -1 },
    { name: 'x', price: 1000000001 },
    { name: 'x', price: '1' },
    { name: 1 },
    { name: 'x', description: 'd'.repeat(2001) },
    { extra: 1, name: '' },
    [],
    null,
    'text',
    { name: 'x', price: null },
  ],
  ProductUpdate: [{ name: 'y' }, { name: 'y', id: 'x' }, { price: 3 }, { name: 'y', price: 1e9 }],
  Product: [
    product,
    { ...product, version: 0 },
    { ...product, version: 1.5 },
    { ...product, createdAt: 'yesterday' },
    { ...product, createdAt: '2026-02-30T10:00:00Z' },
    { ...product, updatedAt: '2026-11-26 10:00:00+01:00' },
    { ...product, createdBy: '' },
    { ...product, secret: true },
    (({ createdBy: _, ...rest }) => rest)(product),
  ],
  ProductPage: [{ items: [] }, { items: [product], nextCursor: 'abc' }, { items: [{ ...product, version: 0 }] }, { items: {} }, { nextCursor: 1 }],
  Error: [
    { message: 'Unauthorized' },
    { message: 'x', code: 'not_found', requestId: 'r' },
    { message: 'x', code: 'nope' },
    { code: 'not_found' },
    { message: 3 },
  ],
};

describe('firstIssue agrees with ajv on the spec schemas', () => {
  for (const [name, values] of Object.entries(cases)) {
    const schema = { $ref: `#/components/schemas/${name}` };
    const validate = ajv.compile({ ...schema, components });
    for (const value of values) {
      it(`${name} ${JSON.stringify(value)?.slice(0, 60)}`, () => {
        const valid = validate(value);
        const issue = firstIssue(spec, schema, value);
        expect(issue === undefined).toBe(valid);
        if (!valid) {
          const expected = validate.errors?.[0];
          expect({ instancePath: issue?.instancePath, keyword: issue?.keyword, message: issue?.message }).toEqual({
            instancePath: expected?.instancePath,
            keyword: expected?.keyword,
            message: expected?.message,
          });
        }
      });
    }
  }

  it('covers parameter schemas too (limit bounds, integers)', () => {
    const limit = { type: 'integer', minimum: 1, maximum: 100 };
    const validate = ajv.compile(limit);
    for (const value of [0, 1, 100, 101, 2.5, '5']) {
      expect(firstIssue(spec, limit, value) === undefined).toBe(validate(value));
    }
  });
});

describe('assertSupported', () => {
  it('accepts every schema of the spec', () => {
    for (const name of Object.keys(components.schemas)) {
      expect(() => assertSupported(spec, { $ref: `#/components/schemas/${name}` })).not.toThrow();
    }
  });

  it('rejects a keyword it cannot validate, naming it', () => {
    const root = { components: { schemas: { A: { type: 'object', properties: { n: { type: 'string', oneOf: [] } } } } } };
    expect(() => assertSupported(root, { $ref: '#/components/schemas/A' })).toThrow(ProductsMockError);
    expect(() => assertSupported(root, { $ref: '#/components/schemas/A' })).toThrow(/"oneOf"/);
  });
});

describe('allIssues agrees with ajv (allErrors: true)', () => {
  const ajvAll = new Ajv({ strict: false, allErrors: true });
  addFormats(ajvAll);
  const schemas: [string, Record<string, unknown>, unknown[]][] = [
    ['ProductId', { $ref: '#/components/schemas/ProductId' }, ['ok', 'a'.repeat(65), 'bad id', '', 'x'.repeat(70) + '!', 5]],
    ['limit', { type: 'integer', minimum: 1, maximum: 100 }, [0, 101, 2.5, 'abc', 50]],
    ['NewProduct', { $ref: '#/components/schemas/NewProduct' }, [{ extra: 1, name: '', price: -1 }, {}, { name: 'x', id: 'bad id' }]],
  ];
  for (const [name, schema, values] of schemas) {
    const validate = ajvAll.compile({ ...schema, components });
    it(`${name}: every issue, in ajv's order`, () => {
      for (const value of values) {
        validate(value);
        const expected = (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword} ${e.message}`);
        expect(allIssues(spec, schema, value).map((e) => `${e.instancePath} ${e.keyword} ${e.message}`)).toEqual(expected);
      }
    });
  }
});

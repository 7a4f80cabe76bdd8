import { describe, expect, it } from 'vitest';
import { checkSpec } from './rules.ts';
import { loadSpec, listOperations, resourceServerOf, substitutePlaceholders, findPlaceholders, PLACEHOLDERS, type OpenApiDocument } from './spec.ts';

const fresh = (): OpenApiDocument => loadSpec();
const rulesOf = (spec: OpenApiDocument) => checkSpec(spec).map((p) => p.rule);

describe('openapi.yaml', () => {
  it('passes every project rule', () => {
    expect(checkSpec(fresh())).toEqual([]);
  });

  it('declares the product-api resource server with the four scopes every operation needs', () => {
    const spec = fresh();
    const server = resourceServerOf(spec);
    expect(server.identifier).toBe('product-api');
    const used = new Set(listOperations(spec).flatMap((op) => op.scopes));
    expect([...used].sort()).toEqual(Object.keys(server.scopes).map((s) => `product-api/${s}`).sort());
  });

  it('uses only the documented placeholders, and substitution leaves none', () => {
    const spec = fresh();
    const names = new Set(findPlaceholders(spec).map((p) => p.name));
    expect([...names].sort()).toEqual(Object.keys(PLACEHOLDERS).sort());
    const values = Object.fromEntries(Object.keys(PLACEHOLDERS).map((k) => [k, `value-of-${k}`]));
    const done = substitutePlaceholders(spec, values);
    expect(findPlaceholders(done)).toEqual([]);
    expect(JSON.stringify(done)).toContain('value-of-ProductsFunctionArn');
  });

  it('refuses to substitute an unknown placeholder', () => {
    expect(() => substitutePlaceholders({ uri: '${Nope}' }, {})).toThrow(/No value for placeholder "\$\{Nope\}" at \$\.uri/);
  });
});

// Each rule must be able to fail: break a fresh copy of the spec and expect that rule.
describe('the rules catch', () => {
  const op = (spec: OpenApiDocument, path: string, method: string) => spec.paths[path]![method] as Record<string, unknown>;

  it('an operation without operation-level security', () => {
    const spec = fresh();
    delete op(spec, '/products', 'get').security;
    expect(rulesOf(spec)).toContain('operation-security');
  });
  it('root-level security (ignored by API Gateway)', () => {
    const spec = fresh();
    spec.security = [{ CognitoAuthorizer: ['product-api/read_product'] }];
    expect(rulesOf(spec)).toContain('no-root-security');
  });
  it('an operation with an empty scope list', () => {
    const spec = fresh();
    op(spec, '/products', 'get').security = [{ CognitoAuthorizer: [] }];
    expect(rulesOf(spec)).toContain('operation-scopes');
  });
  it('an undeclared scope, and a declared scope no operation uses', () => {
    const spec = fresh();
    op(spec, '/products/{id}', 'delete').security = [{ CognitoAuthorizer: ['product-api/remove_product'] }];
    expect(rulesOf(spec)).toEqual(expect.arrayContaining(['scope-declared', 'scope-used']));
  });
  it('a missing integration', () => {
    const spec = fresh();
    delete op(spec, '/products/{id}', 'put')['x-amazon-apigateway-integration'];
    expect(rulesOf(spec)).toContain('operation-integration');
  });
  it('a missing 401 response', () => {
    const spec = fresh();
    delete (op(spec, '/products/{id}', 'get').responses as Record<string, unknown>)['401'];
    expect(rulesOf(spec)).toContain('operation-responses');
  });
  it.each(['default', 'readOnly', 'exclusiveMinimum', 'discriminator', 'oneOf', 'example'])('the importer-unsafe keyword %s', (keyword) => {
    const spec = fresh();
    const schemas = spec.components!.schemas as Record<string, Record<string, unknown>>;
    schemas.ProductName![keyword] = keyword === 'oneOf' ? [{ type: 'string' }] : 1;
    expect(checkSpec(spec)).toContainEqual(expect.objectContaining({ rule: 'importer-keyword', at: '$.components.schemas.ProductName' }));
  });
  it('a number with an integer format', () => {
    const spec = fresh();
    (spec.components!.schemas as Record<string, Record<string, unknown>>).Price!.format = 'int32';
    expect(rulesOf(spec)).toContain('importer-keyword');
  });
  it('an OpenAPI 3.1 document', () => {
    const spec = fresh();
    spec.openapi = '3.1.0';
    expect(rulesOf(spec)).toContain('openapi-3.0');
  });
  it('an unknown placeholder', () => {
    const spec = fresh();
    op(spec, '/products', 'post')['x-amazon-apigateway-integration'] = { type: 'aws_proxy', httpMethod: 'POST', uri: '${SomeOtherArn}' };
    expect(checkSpec(spec)).toContainEqual(expect.objectContaining({ rule: 'placeholder', message: expect.stringContaining('${SomeOtherArn}') }));
  });
  it('a non-alphanumeric model name and a non-object response schema', () => {
    const spec = fresh();
    const schemas = spec.components!.schemas as Record<string, unknown>;
    schemas['Product_List'] = { type: 'object' };
    const responses = op(spec, '/products', 'get').responses as Record<string, unknown>;
    responses['200'] = { description: 'x', content: { 'application/json': { schema: { type: 'array', items: { type: 'string' } } } } };
    expect(rulesOf(spec)).toEqual(expect.arrayContaining(['model-name', 'response-object']));
  });
});

import { describe, expect, it } from 'vitest';
import { listOperations, loadSpec, resourceServerOf, type OpenApiDocument } from '@org/products-contract';
import { InfraError } from './errors.ts';
import { apiDefinitionOf, appClientsOf, fullScopes, specHash, THROTTLING_KEY, throttlingOf, tokenUrlOf } from './spec.ts';

const spec = loadSpec();
const clone = (): OpenApiDocument => structuredClone(spec);
const values = { 'AWS::Region': 'eu-west-1', 'AWS::Partition': 'aws-us-gov', UserPoolArn: 'arn:pool', ProductsFunctionArn: 'arn:fn' };

describe('apiDefinitionOf', () => {
  it('replaces every placeholder and changes nothing else', () => {
    const out = apiDefinitionOf(spec, values);
    expect(JSON.stringify(out)).not.toMatch(/\$\{/);
    const op = listOperations(out)[0]!;
    expect((op.raw['x-amazon-apigateway-integration'] as { uri: string }).uri).toBe(
      'arn:aws-us-gov:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:fn/invocations',
    );
    expect(out.paths).not.toBe(spec.paths);
    expect(JSON.stringify(spec)).toContain('${UserPoolArn}');
  });

  it('throws a typed error naming a placeholder the app has no value for', () => {
    const odd = clone();
    (odd.info as Record<string, unknown>).title = 'Products ${Stage}';
    expect(() => apiDefinitionOf(odd, values)).toThrow(InfraError);
    expect(() => apiDefinitionOf(odd, values)).toThrow(/\$\{Stage\}/);
  });
});

describe('specHash', () => {
  it('is stable for the same spec and changes with any change', () => {
    expect(specHash(spec)).toBe(specHash(clone()));
    const changed = clone();
    (changed.info as Record<string, unknown>).version = '1.0.1';
    expect(specHash(changed)).not.toBe(specHash(spec));
    expect(specHash(spec)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('app clients', () => {
  it('gives the admin every scope and the reader the scopes of the GET operations', () => {
    const server = resourceServerOf(spec);
    expect(fullScopes(spec)).toEqual(Object.keys(server.scopes).map((s) => `${server.identifier}/${s}`));
    const [admin, reader] = appClientsOf(spec);
    expect(admin).toEqual({ name: 'products-admin', scopes: fullScopes(spec) });
    const gets = new Set(listOperations(spec).filter((o) => o.method === 'get').flatMap((o) => o.scopes));
    expect(reader!.name).toBe('products-reader');
    expect(new Set(reader!.scopes)).toEqual(gets);
  });

  it('refuses a spec whose GET operations have no scope (the reader would get none)', () => {
    const odd = clone();
    for (const item of Object.values(odd.paths)) delete item.get;
    expect(() => appClientsOf(odd)).toThrow(expect.objectContaining({ code: 'bad_spec' }));
  });
});

describe('tokenUrlOf', () => {
  it('fills the spec’s token URL template', () => {
    expect(tokenUrlOf(spec, { domainPrefix: 'acme', region: 'eu-west-1' })).toBe(
      'https://acme.auth.eu-west-1.amazoncognito.com/oauth2/token',
    );
  });

  it('refuses a template without {domainPrefix} or {region}', () => {
    const odd = clone();
    const scheme = (odd.components!.securitySchemes as Record<string, any>).CognitoAuthorizer;
    scheme['x-oauth2-resource-server'].tokenUrl = 'https://auth.example.com/oauth2/token';
    expect(() => tokenUrlOf(odd, { domainPrefix: 'acme', region: 'eu-west-1' })).toThrow(/must contain \{domainPrefix\} and \{region\}/);
  });
});

describe('throttlingOf', () => {
  it('reads the stage throttling from the spec’s x-products-throttling', () => {
    const changed = clone();
    changed[THROTTLING_KEY] = { rateLimit: 7, burstLimit: 3 };
    expect(throttlingOf(changed)).toEqual({ rateLimit: 7, burstLimit: 3 });
    expect(throttlingOf(spec)).toEqual(spec[THROTTLING_KEY]);
  });

  it.each([
    ['missing', undefined],
    ['not an object', 50],
    ['without burstLimit', { rateLimit: 50 }],
    ['a zero rate', { rateLimit: 0, burstLimit: 100 }],
    ['a fractional burst', { rateLimit: 50, burstLimit: 1.5 }],
    ['a string', { rateLimit: '50', burstLimit: 100 }],
    ['over the account quota', { rateLimit: 20000, burstLimit: 100 }],
  ])('refuses a setting that is %s with a typed error quoting it', (_, value) => {
    const odd = clone();
    if (value === undefined) delete odd[THROTTLING_KEY];
    else odd[THROTTLING_KEY] = value;
    let error: unknown;
    try {
      throttlingOf(odd);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InfraError);
    expect(error).toMatchObject({ name: 'InfraError', code: 'bad_spec' });
    expect((error as Error).message).toContain(`${THROTTLING_KEY} is ${JSON.stringify(value)}`);
  });
});

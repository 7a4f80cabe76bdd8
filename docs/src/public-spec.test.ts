import { loadSpec } from '@org/products-contract';
import { describe, expect, it } from 'vitest';
import {
  addCodeSamples,
  curlSample,
  DocsBuildError,
  dropResourceServers,
  listOperationEntries,
  resolveRef,
  stripAmazonApiGateway,
  toClientCredentials,
} from './public-spec.js';

/** A fresh copy of openapi.yaml for each test: the decorators mutate what they are given. */
const spec = () => structuredClone(loadSpec()) as Record<string, any>;

describe('stripAmazonApiGateway', () => {
  it('removes x-amazon-apigateway-* keys at every depth and keeps other extensions', () => {
    const doc = { 'x-amazon-apigateway-a': 1, 'x-keep': { 'x-amazon-apigateway-b': 2, list: [{ 'x-amazon-apigateway-c': 3, ok: true }] } };
    expect(stripAmazonApiGateway(doc)).toEqual(['$.x-amazon-apigateway-a', '$.x-keep.x-amazon-apigateway-b', '$.x-keep.list[0].x-amazon-apigateway-c']);
    expect(doc).toEqual({ 'x-keep': { list: [{ ok: true }] } });
  });
});

describe('toClientCredentials', () => {
  it('turns the Cognito apiKey scheme into an OAuth2 client-credentials flow with the resource server scopes', () => {
    const doc = spec();
    expect(toClientCredentials(doc)).toEqual(['CognitoAuthorizer']);
    const scheme = doc.components.securitySchemes.CognitoAuthorizer;
    expect(scheme.type).toBe('oauth2');
    expect(scheme.in).toBeUndefined();
    expect(scheme.flows.clientCredentials.tokenUrl).toBe(scheme['x-oauth2-resource-server'].tokenUrl);
    expect(Object.keys(scheme.flows.clientCredentials.scopes)).toContain('product-api/read_product');
    dropResourceServers(doc);
    expect(scheme['x-oauth2-resource-server']).toBeUndefined();
  });

  it('fails the build when an operation requires a scope the resource server does not declare', () => {
    const doc = spec();
    doc.paths['/products'].get.security = [{ CognitoAuthorizer: ['product-api/read_everything'] }];
    expect(() => toClientCredentials(doc)).toThrow(DocsBuildError);
    expect(() => toClientCredentials(doc)).toThrow(/GET \/products requires scope "product-api\/read_everything"/);
  });
});

describe('code samples', () => {
  it('builds a curl request from the spec: path value from a sibling example, body example, the scope', () => {
    const doc = spec();
    const entries = listOperationEntries(doc);
    const del = entries.find((e) => e.operation.operationId === 'deleteProduct');
    const create = entries.find((e) => e.operation.operationId === 'createProduct');
    expect(curlSample(doc, del!)).toBe(
      [`# token scope: ${del!.operation.security[0].CognitoAuthorizer[0]}`, 'curl -X DELETE "$API_URL/products/android" \\', '  -H "Authorization: Bearer $ACCESS_TOKEN"'].join('\n'),
    );
    const body = resolveRef(doc, create!.operation.requestBody).content['application/json'].example;
    expect(curlSample(doc, create!)).toContain(`-d '${JSON.stringify(body)}'`);
  });

  it('adds a sample to every operation without one, and leaves existing ones', () => {
    const doc = spec();
    doc.paths['/products'].get['x-codeSamples'] = [{ lang: 'Shell', label: 'mine', source: 'true' }];
    expect(addCodeSamples(doc)).toBe(listOperationEntries(doc).length - 1);
    expect(doc.paths['/products'].get['x-codeSamples']).toEqual([{ lang: 'Shell', label: 'mine', source: 'true' }]);
  });
});

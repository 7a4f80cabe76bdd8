import { AUTHORIZER_SCHEME, loadSpec, resourceServerOf } from '@org/products-contract';
import { describe, expect, it } from 'vitest';
import {
  addCodeSamples,
  curlSample,
  DocsBuildError,
  dropResourceServers,
  listOperationEntries,
  renameSecurityScheme,
  resolveRef,
  stripAmazonApiGateway,
  toClientCredentials,
} from './public-spec.js';

/** A fresh copy of openapi.yaml for each test: the decorators mutate what they are given. */
const spec = () => structuredClone(loadSpec()) as Record<string, any>;
const server = resourceServerOf(loadSpec());
/** The entry of one operation, found by its operationId. */
const entryOf = (doc: Record<string, any>, operationId: string) => listOperationEntries(doc).find((e) => e.operation.operationId === operationId)!;

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
    expect(toClientCredentials(doc)).toEqual([AUTHORIZER_SCHEME]);
    const scheme = doc.components.securitySchemes[AUTHORIZER_SCHEME];
    expect(scheme.type).toBe('oauth2');
    expect(scheme.in).toBeUndefined();
    expect(scheme.flows.clientCredentials.tokenUrl).toBe(server.tokenUrl);
    expect(scheme.flows.clientCredentials.scopes).toEqual(
      Object.fromEntries(Object.entries(server.scopes).map(([name, description]) => [`${server.identifier}/${name}`, description])),
    );
    dropResourceServers(doc);
    expect(scheme['x-oauth2-resource-server']).toBeUndefined();
  });

  it('fails the build when an operation requires a scope the resource server does not declare', () => {
    const doc = spec();
    const list = entryOf(doc, 'listProducts');
    const undeclared = `${server.identifier}/read_everything`;
    list.operation.security = [{ [AUTHORIZER_SCHEME]: [undeclared] }];
    expect(() => toClientCredentials(doc)).toThrow(DocsBuildError);
    expect(() => toClientCredentials(doc)).toThrow(`${list.method.toUpperCase()} ${list.path} requires scope "${undeclared}", which`);
  });
});

describe('renameSecurityScheme', () => {
  it('renames the scheme in place and in every requirement that names it, scopes untouched', () => {
    const doc = spec();
    const before = listOperationEntries(doc).map((e) => e.operation.security);
    doc.security = [{ [AUTHORIZER_SCHEME]: [] }];
    expect(renameSecurityScheme(doc, AUTHORIZER_SCHEME, 'OAuth2')).toBe(listOperationEntries(doc).length);
    expect(Object.keys(doc.components.securitySchemes)).toEqual(['OAuth2']);
    expect(doc.security).toEqual([{ OAuth2: [] }]);
    const renamed = (security: Record<string, string[]>[]) => security.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k === AUTHORIZER_SCHEME ? 'OAuth2' : k, v])));
    expect(listOperationEntries(doc).map((e) => e.operation.security)).toEqual(before.map(renamed));
  });

  it.each([
    ['OAuth 2', 'docs_bad_scheme_name'],
    ['Missing', 'docs_unknown_scheme'],
  ])('fails the build on a bad name or an unknown scheme (%s)', (name, code) => {
    const doc = spec();
    const call = () => (code === 'docs_unknown_scheme' ? renameSecurityScheme(doc, name, 'OAuth2') : renameSecurityScheme(doc, AUTHORIZER_SCHEME, name));
    expect(call).toThrow(expect.objectContaining({ code, name: 'DocsBuildError' }));
  });

  it('fails the build when the new name is taken', () => {
    const doc = spec();
    doc.components.securitySchemes.OAuth2 = { type: 'http', scheme: 'bearer' };
    expect(() => renameSecurityScheme(doc, AUTHORIZER_SCHEME, 'OAuth2')).toThrow(expect.objectContaining({ code: 'docs_scheme_name_taken' }));
  });
});

describe('code samples', () => {
  it('builds a curl request from the spec: path value from a sibling example, body example, the scope', () => {
    const doc = spec();
    const del = entryOf(doc, 'deleteProduct');
    const create = entryOf(doc, 'createProduct');
    const id = resolveRef(doc, doc.paths[del.path].parameters[0]);
    expect(id.in).toBe('path');
    const url = del.path.replace(`{${id.name}}`, encodeURIComponent(String(id.example)));
    expect(curlSample(doc, del)).toBe(
      [`# token scope: ${del.operation.security[0][AUTHORIZER_SCHEME][0]}`, `curl -X DELETE "$API_URL${url}" \\`, '  -H "Authorization: Bearer $ACCESS_TOKEN"'].join('\n'),
    );
    const body = resolveRef(doc, create.operation.requestBody).content['application/json'].example;
    expect(curlSample(doc, create)).toContain(`-d '${JSON.stringify(body)}'`);
  });

  it('adds a sample to every operation without one, and leaves existing ones', () => {
    const doc = spec();
    const list = entryOf(doc, 'listProducts');
    list.operation['x-codeSamples'] = [{ lang: 'Shell', label: 'mine', source: 'true' }];
    expect(addCodeSamples(doc)).toBe(listOperationEntries(doc).length - 1);
    expect(list.operation['x-codeSamples']).toEqual([{ lang: 'Shell', label: 'mine', source: 'true' }]);
    for (const entry of listOperationEntries(doc)) expect(entry.operation['x-codeSamples'], entry.operation.operationId).toHaveLength(1);
  });
});

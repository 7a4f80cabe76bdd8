import { listOperations, loadSpec, resourceServerOf, type OpenApiDocument } from '@org/products-contract';
import { describe, expect, it } from 'vitest';
import { loadGuideSources } from '../redocly-plugin.js';
import { errorCatalogue, errorCodesOf, renderGuide } from './guide.js';
import { DocsBuildError } from './public-spec.js';

const spec = () => structuredClone(loadSpec()) as Record<string, any>;
const { errorHints } = loadGuideSources();

/** The statuses under which operations answer a response whose example carries `code`, or whose description quotes it. */
function statusesDocumenting(doc: OpenApiDocument, code: string): string[] {
  const responses = (doc.components?.responses ?? {}) as Record<string, { description?: string; content?: Record<string, { example?: { code?: string } }> }>;
  const documents = (name: string | undefined) => {
    const response = name === undefined ? undefined : responses[name];
    return response?.content?.['application/json']?.example?.code === code || Boolean(response?.description?.includes(`\`${code}\``));
  };
  const statuses = listOperations(doc).flatMap((op) =>
    Object.entries(op.raw.responses as Record<string, { $ref?: string }>)
      .filter(([, r]) => documents(r.$ref?.split('/').pop()))
      .map(([status]) => status),
  );
  // And the gateway responses whose template writes the code: their status, or "other 4xx/5xx" for the defaults.
  const gateway = Object.entries((doc as Record<string, any>)['x-amazon-apigateway-gateway-responses'] as Record<string, { statusCode?: number; responseTemplates?: Record<string, string> }>)
    .filter(([, r]) => r.responseTemplates?.['application/json']?.includes(`"code":"${code}"`))
    .map(([type, r]) => (r.statusCode !== undefined ? String(r.statusCode) : `other ${type === 'DEFAULT_4XX' ? '4' : '5'}xx`));
  const numbers = [...new Set([...statuses, ...gateway.filter((g) => /^\d/.test(g))])].sort();
  return [...numbers, ...new Set(gateway.filter((g) => !/^\d/.test(g)))];
}

describe('errorCatalogue', () => {
  it('gives every code of the Error schema the statuses of the responses that document it and of the gateway responses that write it', () => {
    const rows = errorCatalogue(spec(), errorHints);
    expect(rows.map((r) => r.code)).toEqual(errorCodesOf(spec()));
    // By example code (not_found) and by a code quoted only in a description (invalid_cursor).
    for (const row of rows) expect(row.statuses, row.code).toEqual(statusesDocumenting(loadSpec(), row.code));
    expect(rows.every((r) => r.statuses.length > 0)).toBe(true);
  });

  it('fails when a code has no explanation, or an explanation names no code', () => {
    const { not_found: _, ...missing } = errorHints;
    expect(() => errorCatalogue(spec(), missing)).toThrow(expect.objectContaining({ code: 'docs_missing_error_hint' }));
    expect(() => errorCatalogue(spec(), { ...errorHints, gone: 'x' })).toThrow(expect.objectContaining({ code: 'docs_stale_error_hint' }));
  });

  it('fails when no response used by an operation documents a code', () => {
    const doc = spec();
    doc.components.schemas.Error.properties.code.enum.push('teapot');
    expect(() => errorCatalogue(doc, { ...errorHints, teapot: 'I am one.' })).toThrow(/"teapot" is in the Error enum but no response/);
  });
});

describe('renderGuide', () => {
  it('fills helpers from the spec', () => {
    const server = resourceServerOf(loadSpec());
    const scope = Object.keys(server.scopes)[0]!;
    const md = renderGuide(spec(), { sections: [`{{tokenUrl}} | {{scope ${scope}}} | {{gatewayBody UNAUTHORIZED "The incoming token has expired"}}`], errorHints });
    const requestId = (loadSpec().components?.responses?.NotFound as { content: { 'application/json': { example: { requestId: string } } } }).content['application/json'].example.requestId;
    expect(md).toBe(`${server.tokenUrl} | ${server.identifier}/${scope} | \`{"message":"The incoming token has expired","code":"unauthorized","requestId":"${requestId}"}\`\n`);
  });

  it("renders the validator's detail JSON-escaped inside the template, as API Gateway substitutes it", () => {
    const md = renderGuide(spec(), { sections: [`{{gatewayBody BAD_REQUEST_BODY "Invalid request body" '[object has missing required properties (["name"])]'}}`], errorHints });
    expect(JSON.parse(md.trim().slice(1, -1))).toMatchObject({ message: 'Invalid request body: [object has missing required properties (["name"])]', code: 'validation_error' });
  });

  it('gives the code, the status and the throttling limits from the spec', () => {
    const doc = spec();
    const md = renderGuide(doc, { sections: ['{{gatewayCode THROTTLED}} {{gatewayStatus THROTTLED}} {{gatewayStatus DEFAULT_4XX}} {{throttleRate}}/{{throttleBurst}}'], errorHints });
    const limits = doc['x-products-throttling'];
    expect(md).toBe(`throttled ${doc['x-amazon-apigateway-gateway-responses'].THROTTLED.statusCode} other 4xx ${limits.rateLimit}/${limits.burstLimit}\n`);
  });

  it('fails the build when a gateway response writes no code, or the whole guide leaves one out', () => {
    const doc = spec();
    doc['x-amazon-apigateway-gateway-responses'].THROTTLED.responseTemplates['application/json'] = '{"message":$context.error.messageString}';
    expect(() => renderGuide(doc, { sections: ['{{gatewayCode THROTTLED}}'], errorHints })).toThrow(expect.objectContaining({ code: 'docs_gateway_response_without_code' }));
    const types = Object.keys(spec()['x-amazon-apigateway-gateway-responses']);
    const all = types.map((t) => `{{gatewayStatus ${t}}}`).join(' ');
    expect(() => renderGuide(spec(), { sections: [all], errorHints, complete: true })).not.toThrow();
    const [left, ...rest] = types;
    expect(() => renderGuide(spec(), { sections: [rest.map((t) => `{{gatewayStatus ${t}}}`).join(' ')], errorHints, complete: true })).toThrow(
      expect.objectContaining({ code: 'docs_undocumented_gateway_response', message: expect.stringContaining(String(left)) }),
    );
    // A partial guide (a unit test's one section) is not checked.
    expect(() => renderGuide(spec(), { sections: ['{{tokenUrl}}'], errorHints })).not.toThrow();
  });

  it('fills operation helpers and the error example from the spec', () => {
    const doc = spec();
    const list = listOperations(loadSpec()).find((op) => op.operationId === 'listProducts')!;
    const notFound = Object.values(doc.components.responses as Record<string, any>).find((r) => r.content?.['application/json']?.example?.code === 'not_found');
    const md = renderGuide(doc, { sections: ['{{request listProducts}} | {{path listProducts}} | {{errorExample not_found}}'], errorHints });
    expect(md).toBe(`${list.method.toUpperCase()} ${list.path} | ${list.path} | ${JSON.stringify(notFound.content['application/json'].example)}\n`);
  });

  // Each message names the bad value and the valid ones, so the fix is in the message.
  const source = loadSpec();
  const firstScope = Object.keys(resourceServerOf(source).scopes)[0]!;
  const firstOperation = listOperations(source)[0]!.operationId;
  it.each([
    ['{{nope}}', 'docs_unknown_helper', ['{{nope}}', 'tokenUrl']],
    ['{{path noSuchOperation}}', 'docs_unknown_operation', ['"noSuchOperation"', firstOperation]],
    ['{{errorExample no_such_code}}', 'docs_no_error_example', ['"no_such_code"']],
    ['{{scope drop_tables}}', 'docs_unknown_scope', ['"drop_tables"', firstScope]],
    ['{{gatewayStatus NOT_A_TYPE}}', 'docs_unknown_gateway_response', ['"NOT_A_TYPE"', 'EXPIRED_TOKEN']],
  ])('fails the build on %s', (section, code, quoted) => {
    const render = () => renderGuide(spec(), { sections: [section], errorHints });
    expect(render).toThrow(DocsBuildError);
    expect(render).toThrow(expect.objectContaining({ code, name: 'DocsBuildError' }));
    for (const text of quoted) expect(render).toThrow(text);
  });

  it('fails the build when a gateway response has no JSON template to show', () => {
    const doc = spec();
    delete doc['x-amazon-apigateway-gateway-responses'].EXPIRED_TOKEN.responseTemplates;
    expect(() => renderGuide(doc, { sections: ['{{gatewayBody EXPIRED_TOKEN "x"}}'], errorHints })).toThrow(
      expect.objectContaining({ code: 'docs_no_gateway_template', message: expect.stringContaining('add one or name another type') }),
    );
  });
});

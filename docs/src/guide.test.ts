import { loadSpec } from '@org/products-contract';
import { describe, expect, it } from 'vitest';
import { loadGuideSources } from '../redocly-plugin.js';
import { errorCatalogue, errorCodesOf, renderGuide } from './guide.js';
import { DocsBuildError } from './public-spec.js';

const spec = () => structuredClone(loadSpec()) as Record<string, any>;
const { errorHints } = loadGuideSources();

describe('errorCatalogue', () => {
  it('gives every code of the Error schema a status taken from the responses that document it', () => {
    const rows = errorCatalogue(spec(), errorHints);
    expect(rows.map((r) => r.code)).toEqual(errorCodesOf(spec()));
    expect(rows.find((r) => r.code === 'not_found')?.statuses).toEqual(['404']);
    expect(rows.find((r) => r.code === 'invalid_cursor')?.statuses).toEqual(['400']);
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
    const md = renderGuide(spec(), { sections: ['{{tokenUrl}} | {{scope read_product}} | {{gatewayBody EXPIRED_TOKEN "The incoming token has expired"}}'], errorHints });
    expect(md).toBe('https://{domainPrefix}.auth.{region}.amazoncognito.com/oauth2/token | product-api/read_product | `{"message":"The incoming token has expired"}`\n');
  });

  it.each([
    ['{{nope}}', 'docs_unknown_helper'],
    ['{{scope drop_tables}}', 'docs_unknown_scope'],
    ['{{gatewayStatus NOT_A_TYPE}}', 'docs_unknown_gateway_response'],
  ])('fails the build on %s', (section, code) => {
    expect(() => renderGuide(spec(), { sections: [section], errorHints })).toThrow(DocsBuildError);
    expect(() => renderGuide(spec(), { sections: [section], errorHints })).toThrow(expect.objectContaining({ code }));
  });
});

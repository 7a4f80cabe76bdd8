import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { AUTHORIZER_SCHEME, findPlaceholders, listOperations, loadSpec, resourceServerOf, SPEC_PATH, type OpenApiDocument } from '@org/products-contract';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PUBLIC_SPEC } from './paths.ts';

const source = loadSpec();
const publicSpec = loadSpec(PUBLIC_SPEC);
const cli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
const rootDir = new URL('../../', import.meta.url);

/** Every key of the document, with its JSON path. */
function keysOf(value: unknown, at = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => keysOf(v, `${at}[${i}]`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => [`${at}.${k}`, ...keysOf(v, `${at}.${k}`)]);
  }
  return [];
}

/** `redocly lint --format=json` with the repo's redocly.yaml (recommended rules). */
async function lint(file: string): Promise<{ totals: { errors: number; warnings: number }; problems: unknown[] }> {
  const run = await promisify(execFile)(process.execPath, [cli, 'lint', '--format=json', file], {
    cwd: rootDir,
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  }).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }));
  return JSON.parse(run.stdout) as { totals: { errors: number; warnings: number }; problems: unknown[] };
}

/** The name the public spec gives the Cognito scheme (redocly.yaml's decorator option). */
const redoclyConfig = parse(readFileSync(new URL('redocly.yaml', rootDir), 'utf8')) as { apis: { public: { decorators: Record<string, unknown> } } };
const publicSchemeName = (redoclyConfig.apis.public.decorators['products-docs/oauth2-client-credentials'] as { schemeName: string }).schemeName;
const publicName = (scheme: string) => (scheme === AUTHORIZER_SCHEME ? publicSchemeName : scheme);

const summaryOf = (spec: OpenApiDocument) =>
  listOperations(spec).map(({ operationId, method, path, scopes, schemes }) => ({ operationId, method, path, scopes, schemes: schemes.map(publicName) }));

describe('the public spec', () => {
  it.each([
    ['openapi.yaml', SPEC_PATH],
    ['the public spec', PUBLIC_SPEC],
  ])('lints clean with the recommended rules: %s', async (_, file) => {
    const report = await lint(file);
    expect(report.problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('has no x-amazon-apigateway key and no deploy-time placeholder', () => {
    expect(keysOf(source).some((k) => k.includes('.x-amazon-apigateway-'))).toBe(true);
    expect(keysOf(publicSpec).filter((k) => k.includes('x-amazon-apigateway'))).toEqual([]);
    expect(readFileSync(PUBLIC_SPEC, 'utf8')).not.toContain('x-amazon-apigateway');
    expect(findPlaceholders(publicSpec)).toEqual([]);
  });

  it('has the same operations, with the same scopes, as openapi.yaml', () => {
    expect(summaryOf(source).length).toBeGreaterThan(0);
    expect(summaryOf(publicSpec)).toEqual(summaryOf(source));
  });

  it('has the same schemas, parameters, headers and responses as openapi.yaml', () => {
    for (const part of ['schemas', 'parameters', 'headers', 'responses']) {
      expect(publicSpec.components?.[part], part).toEqual(source.components?.[part]);
    }
  });

  it('presents the Cognito authorizer as OAuth2 client credentials with every scope of the resource server, under a name a reader understands', () => {
    const server = resourceServerOf(source);
    const schemes = publicSpec.components?.securitySchemes ?? {};
    const names = new Set(listOperations(publicSpec).flatMap((op) => op.schemes));
    expect([...names]).toEqual([publicSchemeName]);
    expect(publicSchemeName).not.toBe(AUTHORIZER_SCHEME);
    expect(Object.keys(schemes)).not.toContain(AUTHORIZER_SCHEME);
    const scopes = Object.fromEntries(Object.entries(server.scopes).map(([s, d]) => [`${server.identifier}/${s}`, d]));
    for (const name of names) {
      expect(schemes[name]).toMatchObject({ type: 'oauth2', flows: { clientCredentials: { tokenUrl: server.tokenUrl } } });
      // Exactly these scopes: toMatchObject alone would let an extra one through.
      expect((schemes[name] as { flows: { clientCredentials: { scopes: unknown } } }).flows.clientCredentials.scopes).toEqual(scopes);
      expect(Object.keys(schemes[name] as object).filter((k) => k.startsWith('x-') || k === 'in' || k === 'name')).toEqual([]);
    }
  });

  it('shows a request sample and a response example on every operation', () => {
    for (const op of listOperations(publicSpec)) {
      const samples = op.raw['x-codeSamples'] as { label: string; source: string }[];
      const curl = samples.find((s) => s.label === 'curl');
      expect(curl?.source, op.operationId).toContain(`curl -X ${op.method.toUpperCase()} "$API_URL${op.path.replace(/\{[^}]+\}/g, '')}`);
      for (const scope of op.scopes) expect(curl?.source).toContain(scope);
      const responses = Object.values(op.raw.responses as Record<string, { $ref?: string; content?: Record<string, { example?: unknown }> }>);
      const resolved = responses.map((r) =>
        r.$ref ? (publicSpec.components?.responses?.[r.$ref.split('/').pop() ?? ''] as typeof r) : r,
      );
      expect(resolved.some((r) => r.content?.['application/json']?.example !== undefined), op.operationId).toBe(true);
    }
  });
});

describe('the guide in info.description', () => {
  const guide = String(publicSpec.info.description);

  it('lists every operation with its scopes, and the token URL', () => {
    for (const op of listOperations(source)) {
      const row = guide.split('\n').find((line) => line.includes(`(\`${op.operationId}\`)`));
      expect(row, op.operationId).toContain(`\`${op.method.toUpperCase()} ${op.path}\``);
      for (const scope of op.scopes) expect(row).toContain(`\`${scope}\``);
    }
    expect(guide).toContain(`curl -X POST '${resourceServerOf(source).tokenUrl}'`);
  });

  it('catalogues every error code of the Error schema with a status', () => {
    const error = source.components?.schemas?.Error as { properties: { code: { enum: string[] } } };
    for (const code of error.properties.code.enum) {
      expect(guide, code).toMatch(new RegExp(`^\\| \`${code}\` \\| [1-5]\\d\\d`, 'm'));
    }
  });

  it('shows the 401 answers with status, code and body from the gateway responses', () => {
    // The messages are API Gateway's own (aws-facts.md); status, code and template come from openapi.yaml.
    const gateway = source['x-amazon-apigateway-gateway-responses'] as Record<string, { statusCode: number; responseTemplates: Record<string, string> }>;
    const template = gateway.UNAUTHORIZED!.responseTemplates['application/json']!;
    const code = /"code":"([^"]+)"/.exec(template)![1];
    expect(guide).toContain(`| expired token | ${gateway.UNAUTHORIZED!.statusCode} | \`${code}\` | \`The incoming token has expired\` |`);
    expect(guide).toContain(`| no \`Authorization\` header | ${gateway.UNAUTHORIZED!.statusCode} | \`${code}\` | \`Unauthorized\` |`);
    const requestId = /"requestId":"([^"]+)"/.exec(guide)![1]!;
    const body = template.replace('$context.error.messageString', JSON.stringify('Unauthorized')).replace('$context.requestId', requestId);
    expect(guide).toContain(`\`${body}\``);
  });

  it('names every gateway response of openapi.yaml, each with the code its template writes', () => {
    const gateway = source['x-amazon-apigateway-gateway-responses'] as Record<string, { responseTemplates: Record<string, string> }>;
    const rows = guide.slice(guide.indexOf('## Errors from the gateway')).split('\n').filter((l) => l.startsWith('| '));
    for (const [type, response] of Object.entries(gateway)) {
      const code = /"code":"([^"]+)"/.exec(response.responseTemplates['application/json']!)?.[1];
      expect(code, `${type} writes a code`).toBeDefined();
      expect(rows.some((r) => r.includes(`| \`${code}\` |`)), type).toBe(true);
    }
  });
});

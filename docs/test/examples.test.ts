import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { listOperations, loadSpec } from '@org/products-contract';
import { startLocalStack, type LocalStack } from '@org/products-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST_DIR, PAGE, PUBLIC_SPEC } from './paths.ts';

// What the docs tell a caller, checked against one real local stack (API Gateway and Cognito as
// the project's AWS facts record them): the shell examples run as written (bash +
// curl), and the failure answers the guide gives. Only the port differs: the guide shows the
// local stack's default one.
const publicSpec = loadSpec(PUBLIC_SPEC);
const guide = String(publicSpec.info.description);
const localServer = String((publicSpec.servers as { url: string }[]).find((s) => s.url.startsWith('http://127.0.0.1'))?.url);
const localOrigin = new URL(localServer).origin;

/** The fenced `sh` blocks of the guide. */
const shellBlocks = [...guide.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

async function bash(script: string, env: Record<string, string>): Promise<string> {
  const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script], { env: { ...process.env, ...env }, timeout: 10_000 });
  return stdout;
}

let stack: LocalStack;
/** Added to the stack's clock; a test moves it forward to expire a token, then puts it back. */
let skew = 0;

beforeAll(async () => {
  stack = await startLocalStack({ port: 0, inMemory: true, docsDir: DIST_DIR, now: () => Date.now() + skew });
});
afterAll(async () => {
  await stack?.stop();
});

describe('the examples in the docs, against the local stack', () => {
  let env: Record<string, string>;

  beforeAll(() => {
    const admin = stack.clients.find((c) => c.name === 'products-admin') ?? stack.clients[0]!;
    env = { CLIENT_ID: admin.clientId, CLIENT_SECRET: admin.clientSecret, API_URL: stack.apiUrl };
  });

  it('the local stack serves the page at /docs and the public spec at /openapi.yaml', async () => {
    const origin = new URL(stack.apiUrl).origin;
    const page = await fetch(`${origin}/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(readFileSync(PAGE, 'utf8'));
    const spec = await fetch(`${origin}/openapi.yaml`);
    expect(spec.status).toBe(200);
    expect(await spec.text()).toBe(readFileSync(PUBLIC_SPEC, 'utf8'));
  });

  it("the guide's local token request answers a bearer token, and the follow-up call works with it", async () => {
    const tokenBlock = shellBlocks.find((b) => b.includes(`${localOrigin}/oauth2/token`));
    expect(tokenBlock).toBeDefined();
    const answer = JSON.parse(await bash(tokenBlock!.replaceAll(localOrigin, new URL(stack.apiUrl).origin), env)) as Record<string, unknown>;
    expect(answer).toMatchObject({ token_type: 'Bearer', expires_in: expect.any(Number), access_token: expect.any(String) });

    const callBlock = shellBlocks.find((b) => b.startsWith('curl "$API_URL/'));
    expect(callBlock).toBeDefined();
    const page = JSON.parse(await bash(callBlock!, { ...env, ACCESS_TOKEN: String(answer.access_token) })) as { items: unknown[] };
    expect(Array.isArray(page.items)).toBe(true);
  });

  it("every operation's curl sample answers its documented success status", async () => {
    const token = (await (
      await fetch(stack.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${btoa(`${env.CLIENT_ID}:${env.CLIENT_SECRET}`)}` },
        body: 'grant_type=client_credentials',
      })
    ).json()) as { access_token: string };
    // Create first and delete last, so every sample finds the product the samples name.
    const rank = { post: 0, get: 1, put: 1, delete: 2 } as Record<string, number>;
    const ops = listOperations(publicSpec).sort((a, b) => (rank[a.method] ?? 1) - (rank[b.method] ?? 1));
    const success = (op: (typeof ops)[number]) => Object.keys(op.raw.responses as object).find((s) => s.startsWith('2'));
    const seen: string[] = [];
    for (const op of ops) {
      const sample = (op.raw['x-codeSamples'] as { label: string; source: string }[]).find((s) => s.label === 'curl')!.source;
      const status = await bash(`${sample} -s -o /dev/null -w '%{http_code}'`, { ...env, ACCESS_TOKEN: token.access_token });
      seen.push(`${op.operationId} ${status}`);
    }
    expect(seen).toEqual(ops.map((op) => `${op.operationId} ${success(op)}`));
  });
});

const operations = listOperations(loadSpec());

/** The rows of the first markdown table after `heading`, as cells with their outer backticks removed. */
function tableAfter(heading: string): string[][] {
  const start = guide.indexOf(`\n${heading}\n`);
  expect(start, `the guide has a "${heading}" heading`).toBeGreaterThanOrEqual(0);
  const lines = guide.slice(start).split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, -1).split(' | ').map((c) => c.trim().replace(/^`([^`]*)`$/, '$1')));
  }
  return rows;
}

/** `/products/{id}` → `/products/x`: any value reaches the authorizer, which runs first. */
const concrete = (path: string) => path.replace(/\{[^}]+\}/g, 'x');

describe("the guide's failure answers, against the local stack", () => {
  const tokenFor = async (clientName: string) => {
    const client = stack.clients.find((c) => c.name === clientName)!;
    const res = await fetch(stack.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${btoa(`${client.clientId}:${client.clientSecret}`)}` },
      body: 'grant_type=client_credentials',
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { access_token: string; expires_in: number };
  };

  it('answers every 401 case of "When the API answers 401" with the status, body and headers the guide gives', async () => {
    const admin = await tokenFor('products-admin');
    const reader = stack.clients.find((c) => c.name === 'products-reader')!;
    const readerToken = await tokenFor('products-reader');
    // An operation the read-only client has no scope for, and one it has.
    const denied = operations.find((op) => !op.scopes.some((s) => reader.scopes.includes(s)))!;
    const allowed = operations.find((op) => op.method === 'get')!;
    expect(denied, 'an operation outside the reader client scopes').toBeDefined();
    const call = (op: (typeof operations)[number], authorization?: string) =>
      fetch(`${stack.apiUrl}${concrete(op.path)}`, {
        method: op.method.toUpperCase(),
        headers: authorization === undefined ? {} : { authorization },
      });
    const [header, payload, signature] = admin.access_token.split('.');
    const flipped = `${signature!.slice(0, -4)}${signature!.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    /** How to provoke each case the guide lists, as the guide words it. */
    const requests: Record<string, () => Promise<Response[]>> = {
      'no `Authorization` header': async () => [await call(allowed)],
      'malformed token, bad signature, or a token of another user pool': () =>
        Promise.all([call(allowed, 'Bearer not-a-jwt'), call(allowed, `Bearer ${header}.${payload}.${flipped}`)]),
      "valid access token without any of the operation's scopes": async () => [await call(denied, `Bearer ${readerToken.access_token}`)],
      'expired token': async () => {
        skew = (admin.expires_in + 1) * 1000;
        try {
          return [await call(allowed, `Bearer ${admin.access_token}`)];
        } finally {
          skew = 0;
        }
      },
    };
    // The local token endpoint issues no ID tokens (client_credentials has none); the local
    // package's authorizer tests cover that row.
    const notLocal = new Set(['an ID token instead of an access token']);

    const rows = tableAfter('## When the API answers 401');
    expect(rows.length).toBeGreaterThan(0);
    const checked: string[] = [];
    for (const [what, status, body] of rows) {
      if (notLocal.has(what!)) continue;
      const make = requests[what!];
      expect(make, `the guide lists a 401 case this test cannot provoke: "${what}"; add a request for it`).toBeDefined();
      for (const res of await make!()) {
        expect({ what, status: String(res.status), body: await res.text() }).toEqual({ what, status, body });
        expect(res.headers.get('content-type')).toMatch(/^application\/json\b/);
        expect(res.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
      }
      checked.push(what!);
    }
    expect(checked.sort()).toEqual(Object.keys(requests).sort());
  });

  it('answers an unknown path or method with the 403 body of "Errors from the gateway"', async () => {
    const { access_token } = await tokenFor('products-admin');
    const row = tableAfter('## Errors from the gateway').find(([status]) => status === '403');
    expect(row, 'a 403 row').toBeDefined();
    const res = await fetch(`${stack.apiUrl}/no-such-route`, { headers: { authorization: `Bearer ${access_token}` } });
    expect([String(res.status), await res.text()]).toEqual([row![0], row![1]]);
    // A method the spec does not define on an existing path is answered the same way.
    const path = operations[0]!.path;
    const undefinedMethod = ['PATCH', 'PUT', 'POST', 'DELETE'].find((m) => !operations.some((op) => op.path === path && op.method.toUpperCase() === m))!;
    const wrongMethod = await fetch(`${stack.apiUrl}${concrete(path)}`, { method: undefinedMethod, headers: { authorization: `Bearer ${access_token}` } });
    expect([String(wrongMethod.status), await wrongMethod.text()]).toEqual([row![0], row![1]]);
    expect(guide).toContain(`403 only for a path or method that does\nnot exist (\`${row![1]}\`)`);
  });

  it("answers a body the gateway's validator rejects with the status and body of \"Errors from the gateway\"", async () => {
    const { access_token } = await tokenFor('products-admin');
    const said = /validator rejects is a (\d{3}) with `([^`]+)`/.exec(guide);
    expect(said, 'the guide gives the invalid-body answer').not.toBeNull();
    const create = operations.find((op) => op.operationId === 'createProduct')!;
    // `{}` lacks the schema's required fields: the gateway's validator answers before the service.
    const res = await fetch(`${stack.apiUrl}${create.path}`, {
      method: create.method.toUpperCase(),
      headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect([String(res.status), await res.text()]).toEqual([said![1], said![2]]);
  });

  it('answers the token errors the guide names with 400 and that error', async () => {
    const sentence = /A failed token request answers (\d{3}) with `\{"error":"\.\.\."\}`:([^\n]*(?:\n[^\n]+)*)/.exec(guide);
    expect(sentence, 'the guide explains failed token requests').not.toBeNull();
    const named = [...sentence![2]!.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!);
    const client = stack.clients[0]!;
    const basic = (secret: string) => `Basic ${btoa(`${client.clientId}:${secret}`)}`;
    const bodies: Record<string, [string, string]> = {
      invalid_client: [basic('not-the-secret'), 'grant_type=client_credentials'],
      invalid_scope: [basic(client.clientSecret), 'grant_type=client_credentials&scope=no-such-server%2Fno_such_scope'],
      unsupported_grant_type: [basic(client.clientSecret), 'grant_type=no_such_grant'],
    };
    expect(named.sort()).toEqual(Object.keys(bodies).sort());
    for (const code of named) {
      const [authorization, body] = bodies[code]!;
      const res = await fetch(stack.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization }, body });
      expect({ code, status: String(res.status), body: await res.json() }).toEqual({ code, status: sentence![1], body: { error: code } });
    }
  });
});

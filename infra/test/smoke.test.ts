import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations } from '@org/products-client';
import { startLocalStack, type LocalStack } from '@org/products-local';
import { SERVICE_TABLE_ACTIONS } from '../lib/products-stack.ts';
import { runSmoke } from '../lib/smoke.ts';
import { tableActions } from './fixtures/recording-service.ts';

let stack: LocalStack;
let admin: LocalStack['clients'][number];
let reader: LocalStack['clients'][number];

beforeAll(async () => {
  // The real handler, on a DynamoDB client that records the actions it sends (see the last test).
  const module = fileURLToPath(new URL('./fixtures/recording-service.ts', import.meta.url));
  stack = await startLocalStack({
    port: 0,
    inMemory: true,
    log: () => undefined,
    config: { functions: { ProductsFunctionArn: { module, export: 'createRecordingHandler' } } },
  });
  admin = stack.clients.find((c) => c.name === 'products-admin')!;
  reader = stack.clients.find((c) => c.name === 'products-reader')!;
});
afterAll(() => stack?.stop());

// Asynchronously: the local stack serves from this process, so a synchronous spawn would starve it.
function smokeCli(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@org/source', 'bin/smoke.ts', ...args], {
      cwd: join(import.meta.dirname, '..'),
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const basic = (c: { clientId: string; clientSecret: string }) => `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64')}`;
const base = () => ({ apiUrl: stack.apiUrl, tokenUrl: stack.tokenUrl, clientId: admin.clientId, clientSecret: admin.clientSecret });

describe('the smoke run (walkthrough Step 4) against the local stack', () => {
  it('passes every step, reader included, and leaves no product behind', async () => {
    const lines: string[] = [];
    const report = await runSmoke({ ...base(), reader: { clientId: reader.clientId, clientSecret: reader.clientSecret }, log: (l) => lines.push(l) });
    expect(report.steps.filter((s) => !s.ok)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.steps.map((s) => s.name)).toEqual([
      'get an access token (client_credentials)',
      'create a product',
      'get it',
      'list products',
      'update it with If-Match',
      'a token without the operation’s scope gets 401',
      'no token gets 401',
      'the reader client reads and cannot write',
      'delete it',
    ]);
    expect(lines).toHaveLength(report.steps.length);
    const text = JSON.stringify({ report, lines });
    expect(text).not.toContain(admin.clientSecret);
    expect(text).not.toContain(reader.clientSecret);
    expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+\./); // no JWT (access tokens are JWTs)
    // Asked with a token that may read it, so the service (not the authorizer) answers.
    const token = await fetch(stack.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(reader) },
      body: 'grant_type=client_credentials',
    }).then((r) => r.json() as Promise<{ access_token: string }>);
    const gone = await fetch(`${stack.apiUrl}${operations.getProduct.path.replace('{id}', encodeURIComponent(report.productId))}`, {
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    expect(gone.status).toBe(404);
  });

  it('reports a wrong secret as a failed first step, without the secret, and creates nothing', async () => {
    const wrong = `wrong-${admin.clientSecret.slice(0, 4)}-secret-value`;
    const report = await runSmoke({ ...base(), clientSecret: wrong });
    expect(report.ok).toBe(false);
    expect(report.steps[0]).toMatchObject({ name: 'get an access token (client_credentials)', ok: false });
    expect(report.steps.map((s) => s.name)).toEqual(['get an access token (client_credentials)', 'delete it']);
    expect(report.steps[1]).toMatchObject({ ok: true, detail: 'nothing was created' });
    expect(JSON.stringify(report)).not.toContain(wrong);
  });

  it('fails when the deployment does not enforce scopes (a gateway that lets every token through)', async () => {
    // A proxy in front of the local stack that swaps any token for an all-scope one, as an API without
    // the spec's scopes would behave: the scope step must catch it.
    const allScopes = await fetch(stack.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(admin) },
      body: 'grant_type=client_credentials',
    }).then((r) => r.json() as Promise<{ access_token: string }>);
    const permissive = (request: Request): Promise<Response> => {
      if (!request.url.startsWith(stack.apiUrl) || !request.headers.has('authorization')) return fetch(request);
      const headers = new Headers(request.headers);
      headers.set('authorization', `Bearer ${allScopes.access_token}`);
      return fetch(new Request(request, { headers }));
    };
    const report = await runSmoke({ ...base(), fetch: permissive });
    expect(report.ok).toBe(false);
    expect(report.steps.find((s) => !s.ok)).toMatchObject({ name: 'a token without the operation’s scope gets 401' });
    expect(report.steps.at(-1)).toMatchObject({ name: 'delete it', ok: true });
  });

  it('fails the reader step when the create-scope token request fails for another reason than invalid_scope', async () => {
    // The token endpoint answers the reader's create-scope request with invalid_client: that is not the
    // refusal the step checks for, so it must not pass as one.
    const readerAuth = basic(reader);
    const broken = async (request: Request): Promise<Response> => {
      if (request.url === stack.tokenUrl && request.headers.get('authorization') === readerAuth) {
        const body = await request.clone().text();
        if (new URLSearchParams(body).get('scope') === operations.createProduct.scopes[0]) {
          return Response.json({ error: 'invalid_client' }, { status: 400 });
        }
      }
      return fetch(request);
    };
    const report = await runSmoke({ ...base(), reader: { clientId: reader.clientId, clientSecret: reader.clientSecret }, fetch: broken });
    expect(report.ok).toBe(false);
    const failed = report.steps.find((s) => !s.ok);
    expect(failed).toMatchObject({ name: 'the reader client reads and cannot write' });
    expect(failed!.detail).toContain('not invalid_scope or a token without the scope');
    expect(report.steps.at(-1)).toMatchObject({ name: 'delete it', ok: true });
  });

  it('accepts a token endpoint that ignores a disallowed scope (older Cognito docs), once the API refuses that token’s write', async () => {
    // The reader's request for the create scope is forwarded without it, as Cognito would answer by
    // ignoring the scope: a token with the reader's own scopes comes back, and the POST must get 401.
    const readerAuth = basic(reader);
    const ignoring = async (request: Request): Promise<Response> => {
      if (request.url === stack.tokenUrl && request.headers.get('authorization') === readerAuth) {
        const form = new URLSearchParams(await request.clone().text());
        if (form.get('scope') === operations.createProduct.scopes[0]) {
          form.delete('scope');
          return fetch(new Request(request, { body: form.toString() }));
        }
      }
      return fetch(request);
    };
    const report = await runSmoke({ ...base(), reader: { clientId: reader.clientId, clientSecret: reader.clientSecret }, fetch: ignoring });
    expect(report.steps.filter((s) => !s.ok)).toEqual([]);
    const step = report.steps.find((s) => s.name === 'the reader client reads and cannot write')!;
    expect(step.detail).toContain('ignored');
    expect(step.detail).toContain('the API refused the write with that token: 401');
  });

  it('fails the reader step when the token endpoint grants the reader the create scope', async () => {
    // The reader's create-scope request answered with the admin's token for that scope: a reader app
    // client allowed to write is a misconfigured pool, whatever the API then does.
    const readerAuth = basic(reader);
    const granting = async (request: Request): Promise<Response> => {
      if (request.url === stack.tokenUrl && request.headers.get('authorization') === readerAuth) {
        const form = new URLSearchParams(await request.clone().text());
        if (form.get('scope') === operations.createProduct.scopes[0]) {
          const headers = new Headers(request.headers);
          headers.set('authorization', basic(admin));
          return fetch(new Request(request, { headers, body: form.toString() }));
        }
      }
      return fetch(request);
    };
    const report = await runSmoke({ ...base(), reader: { clientId: reader.clientId, clientSecret: reader.clientSecret }, fetch: granting });
    expect(report.ok).toBe(false);
    const failed = report.steps.find((s) => !s.ok)!;
    expect(failed.name).toBe('the reader client reads and cannot write');
    expect(failed.detail).toContain('got a token carrying it');
    expect(JSON.stringify(report)).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  });

  it('runs as `pnpm smoke` does: from stack outputs, the secret from the environment, exit code 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'products-infra-smoke-'));
    writeFileSync(
      join(dir, 'cdk-outputs.json'),
      JSON.stringify({ ProductsApi: { InvokeUrl: stack.apiUrl, TokenUrl: stack.tokenUrl, ProductsAdminClientId: admin.clientId } }),
    );
    const run = await smokeCli(['--outputs', 'cdk-outputs.json'], { INIT_CWD: dir, PRODUCTS_CLIENT_SECRET: admin.clientSecret });
    // The AWS SDK may warn about the Node version on stderr; nothing else goes there.
    expect(run.stderr.replace(/\(node:\d+\) Warning: NodeVersionSupportWarning[\s\S]*?show where the warning was created\)\n/, '')).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('All 8 steps passed.');
    expect(run.stdout).not.toContain(admin.clientSecret);
  });

  it('exits 2 with the usage when the secret is missing', async () => {
    const run = await smokeCli(['--api-url', stack.apiUrl, '--token-url', stack.tokenUrl, '--client-id', admin.clientId], {
      PRODUCTS_CLIENT_SECRET: '',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Missing --client-secret (or PRODUCTS_CLIENT_SECRET)');
  });

  it('needed exactly the table actions the stack grants the function (least privilege, checked by use)', () => {
    // Runs last: by now the smoke runs above have driven every operation of the spec through the handler.
    expect([...tableActions].sort()).toEqual([...SERVICE_TABLE_ACTIONS].sort());
  });
});

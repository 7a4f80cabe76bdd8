// The esbuild bundle (what Lambda runs) works on its own: a fresh Node process imports it, reads its
// configuration from the environment like Lambda, and serves events against dynalite.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { build } from '../scripts/build.ts';
import { expectDocumented } from './contract.ts';
import { startDynamo, type LocalDynamo } from './dynamo.ts';
import { event } from './events.ts';

let dynamo: LocalDynamo;
let dir: string;
let bundle: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'products-bundle-'));
  [dynamo, { outfile: bundle }] = await Promise.all([startDynamo(), build({ outfile: join(dir, 'handler.mjs') })]);
});
afterAll(async () => {
  await dynamo?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function invoke(ev: APIGatewayProxyEvent, env: Record<string, string>): Promise<{ lines: string[]; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, '..', 'scripts', 'invoke.mjs'), bundle], {
      // Only what the function needs: no AWS credentials, so the handler must use its local dummy ones.
      env: { PATH: process.env.PATH ?? '', NODE_NO_WARNINGS: '1', ...env },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ lines: out.trim().split('\n'), code }));
    child.stdin.end(JSON.stringify(ev));
  });
}

it('serves create then get from the bundle, configured by TABLE_NAME and DYNAMODB_ENDPOINT', async () => {
  const tableName = await dynamo.createTable();
  const env = { TABLE_NAME: tableName, DYNAMODB_ENDPOINT: dynamo.endpoint, AWS_REGION: 'us-east-1' };
  const created = await invoke(event('createProduct', { json: { id: 'bundled', name: 'From the bundle' } }), env);
  expect(created.code).toBe(0);
  const [logLine, emfLine] = created.lines;
  const { result, importMs } = JSON.parse(created.lines.at(-1)!);
  expectDocumented('createProduct', result);
  expect(result.statusCode).toBe(201);
  expect(importMs).toBeGreaterThan(0);
  expect(JSON.parse(logLine!)).toMatchObject({ level: 'INFO', operationId: 'createProduct', status: 201 });
  // The EMF line as CloudWatch reads it from stdout: plain JSON, no console prefix.
  expect(JSON.parse(emfLine!)).toMatchObject({ _aws: { CloudWatchMetrics: [{ Namespace: 'ProductsApi' }] }, operation: 'createProduct', Requests: 1 });

  const read = await invoke(event('getProduct', { pathParameters: { id: 'bundled' } }), env);
  const got = JSON.parse(read.lines.at(-1)!).result;
  expectDocumented('getProduct', got);
  expect(JSON.parse(got.body)).toMatchObject({ id: 'bundled', name: 'From the bundle', version: 1 });
});

it('answers 500 (documented, logged) instead of crashing when TABLE_NAME is missing', async () => {
  const { lines, code } = await invoke(event('getProduct', { pathParameters: { id: 'x' } }), { DYNAMODB_ENDPOINT: dynamo.endpoint });
  expect(code).toBe(0);
  const { result } = JSON.parse(lines.at(-1)!);
  expectDocumented('getProduct', result);
  expect(result.statusCode).toBe(500);
  expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'error', errorCode: 'config_error' });
  expect(lines[0]).toContain('TABLE_NAME');
});

it('logs the real error class names from the minified bundle (a DynamoDB failure: no such table)', async () => {
  const { lines, code } = await invoke(event('getProduct', { pathParameters: { id: 'x' } }), {
    TABLE_NAME: 'no-such-table',
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    AWS_REGION: 'us-east-1',
  });
  expect(code).toBe(0);
  const { result } = JSON.parse(lines.at(-1)!);
  expectDocumented('getProduct', result);
  expect(result.statusCode).toBe(500);
  expect(JSON.parse(lines[0]!)).toMatchObject({ errorCode: 'dynamodb_error', errorName: 'DynamoDbError', cause: { name: 'ResourceNotFoundException' } });
});

it('needs none of the left-out credential providers when the environment holds credentials, as Lambda sets them', async () => {
  const tableName = await dynamo.createTable();
  const env = {
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    AWS_REGION: 'us-east-1',
    // As Lambda sets them for the function's role: the SDK's chain stops at fromEnv.
    AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'example-secret',
    AWS_SESSION_TOKEN: 'example-session-token',
  };
  const created = await invoke(event('createProduct', { json: { id: 'env-creds', name: 'From env' } }), env);
  const { result } = JSON.parse(created.lines.at(-1)!);
  expect(result.statusCode).toBe(201);
  for (const line of created.lines) expect(line).not.toContain('example-secret');
});

it('answers 500 dynamodb_error naming the left-out provider when the environment holds no credentials', async () => {
  // No credentials and no DYNAMODB_ENDPOINT (so no dummy ones): the chain passes fromEnv and imports the next
  // provider, which is not in the bundle. The endpoint override keeps any request on 127.0.0.1.
  const { lines, code } = await invoke(event('getProduct', { pathParameters: { id: 'x' } }), {
    TABLE_NAME: 'products',
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    HOME: dir,
  });
  expect(code).toBe(0);
  const { result } = JSON.parse(lines.at(-1)!);
  expectDocumented('getProduct', result);
  expect(result.statusCode).toBe(500);
  expect(JSON.parse(lines[0]!)).toMatchObject({ errorCode: 'dynamodb_error', errorMessage: expect.stringMatching(/Cannot find package '@aws-sdk\/credential-provider-/) });
});

// DynamoDB answers a failed condition with the old item when asked (`ReturnValuesOnConditionCheckFailure:
// ALL_OLD`); dynalite ignores that parameter. This test puts a small proxy in front of dynalite that adds the
// item to the error exactly as DynamoDB's wire protocol carries it, so the path the handler takes on AWS (the
// 412 read from the error, no second read) is exercised with the real SDK deserializer.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHandler } from '../src/create-handler.ts';
import { expectDocumented } from './contract.ts';
import { startDynamo, type LocalDynamo } from './dynamo.ts';
import { context, event } from './events.ts';

let dynamo: LocalDynamo;
let proxy: Server;
let proxyEndpoint: string;
let direct: DynamoDBClient;
const targets: string[] = [];

beforeAll(async () => {
  dynamo = await startDynamo();
  direct = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  proxy = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const target = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
    targets.push(target);
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k))) as Record<string, string>;
    const upstream = await fetch(dynamo.endpoint, { method: 'POST', headers, body });
    let text = await upstream.text();
    const input = JSON.parse(body) as { TableName: string; Key?: Record<string, unknown>; ReturnValuesOnConditionCheckFailure?: string };
    if (upstream.status === 400 && text.includes('ConditionalCheckFailedException') && input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' && input.Key) {
      const old = await direct.send(new GetItemCommand({ TableName: input.TableName, Key: input.Key as never, ConsistentRead: true }));
      if (old.Item) text = JSON.stringify({ ...JSON.parse(text), Item: old.Item });
    }
    // The body may have changed: drop dynalite's x-amz-crc32 (the SDK checks it when present) and the length.
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/x-amz-json-1.0' });
    res.end(text);
  });
  proxy.listen(0, '127.0.0.1');
  await once(proxy, 'listening');
  proxyEndpoint = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  direct?.destroy();
  proxy?.closeAllConnections();
  await new Promise((resolve) => proxy?.close(resolve));
  await dynamo?.stop();
});

it('answers 412 from the old item DynamoDB returns with the failed condition, without a second read', async () => {
  const tableName = await dynamo.createTable();
  const handler = createHandler({ tableName, endpoint: proxyEndpoint, region: 'us-east-1', log: () => undefined });
  const call = async (op: Parameters<typeof event>[0], input: Parameters<typeof event>[1]) => expectDocumented(op, await handler(event(op, input), context()));
  expect((await call('createProduct', { json: { id: 'old', name: 'v1' } })).statusCode).toBe(201);
  expect((await call('updateProduct', { pathParameters: { id: 'old' }, json: { name: 'v2' } })).statusCode).toBe(200);

  targets.length = 0;
  const stale = await call('updateProduct', { pathParameters: { id: 'old' }, json: { name: 'lost' }, headers: { 'If-Match': '"1"' } });
  expect(stale.statusCode).toBe(412);
  expect(JSON.parse(stale.body).message).toBe('Product "old" is at version "2", not "1": read it again and retry.');
  expect(targets).toEqual(['UpdateItem']);

  // No item: DynamoDB returns none with the failure, so one consistent read tells 404 from 412.
  targets.length = 0;
  const missing = await call('updateProduct', { pathParameters: { id: 'none' }, json: { name: 'x' }, headers: { 'If-Match': '"1"' } });
  expect(missing.statusCode).toBe(404);
  expect(targets).toEqual(['UpdateItem', 'GetItem']);
});

// One process of a fleet, run by test/fleet/fleet.test.ts (bundled by esbuild first) and by the
// client bench: its own client and token provider, a shared token cache (files or DynamoDB).
// Configuration in FLEET_CONFIG (JSON). Protocol: prints {"ready":true}; on each "go" line on stdin
// makes `calls` calls at once (GET and POST /products in turn: two scope sets) and prints one JSON
// line with the statuses and the provider's counters; exits at end of input.
import { createInterface } from 'node:readline';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createProductsClient, type SharedTokenCache } from '../../src/index.ts';
import { dynamoDbTokenCache } from '../../src/token-cache/dynamodb.ts';
import { fileTokenCache } from '../../src/token-cache/index.ts';

/** What the parent passes in FLEET_CONFIG. */
export interface FleetConfig {
  tokenUrl: string;
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  calls: number;
  /** No shared cache at all when absent (the bench's "without" figure). */
  cache?: { kind: 'file'; dir: string } | { kind: 'dynamo'; endpoint: string; tableName: string };
  leaseMs?: number;
  waitMs?: number;
  pollMs?: number;
}

const config = JSON.parse(process.env.FLEET_CONFIG ?? '{}') as FleetConfig;
let cache: SharedTokenCache | undefined;
// A generous operation bound: on a loaded CI machine a slow (not failed) operation must not turn
// into a fallback fetch, which would make the token counts of the tests vary.
const bounds = { leaseMs: config.leaseMs ?? 10_000, waitMs: config.waitMs ?? 15_000, pollMs: config.pollMs ?? 20, operationTimeoutMs: 10_000 };
if (config.cache?.kind === 'file') cache = fileTokenCache({ dir: config.cache.dir, ...bounds });
if (config.cache?.kind === 'dynamo') {
  const raw = new DynamoDBClient({ endpoint: config.cache.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  cache = dynamoDbTokenCache({ tableName: config.cache.tableName, client: DynamoDBDocumentClient.from(raw), ...bounds });
}
const client = createProductsClient({
  baseUrl: config.baseUrl,
  credentials: { tokenUrl: config.tokenUrl, clientId: config.clientId, clientSecret: config.clientSecret },
  retry: false,
  token: {
    ...(cache ? { cache } : {}),
    retry: { maxAttempts: 1 },
    timeoutMs: 30_000,
  },
});

console.log(JSON.stringify({ ready: true }));
for await (const line of createInterface({ input: process.stdin })) {
  if (line !== 'go') continue;
  const statuses = await Promise.all(
    Array.from({ length: config.calls }, async (_, i) => {
      try {
        const { response } =
          i % 2 === 0
            ? await client.GET('/products', { params: { query: { limit: 1 } } })
            : await client.POST('/products', { body: { id: `p-${process.pid}-${i}`, name: 'Fleet', price: 1 } });
        return response.status;
      } catch (error) {
        return `${(error as Error).name}:${(error as { code?: string }).code}`;
      }
    }),
  );
  console.log(JSON.stringify({ statuses, stats: client.tokenProvider.stats() }));
}

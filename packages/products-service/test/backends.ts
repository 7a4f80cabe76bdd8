// The two repositories the service runs on, for suites that must pass on both: DynamoDB (dynalite, a real
// DynamoDB API on 127.0.0.1) and in memory. Each `handler()` gets a fresh, empty table.
import { createHandler } from '../src/create-handler.ts';
import { createDocumentClient, DynamoDbProductRepository } from '../src/dynamodb-repository.ts';
import { InMemoryProductRepository } from '../src/memory-repository.ts';
import type { ProductRepository } from '../src/repository.ts';
import { createService, type ProxyHandler } from '../src/service.ts';
import { startDynamo, type LocalDynamo } from './dynamo.ts';

/** The handler options a suite varies. */
export interface BackendHandlerOptions {
  now?: () => Date;
  log?: (line: string) => void;
  maxBodyBytes?: number;
}

/** One repository implementation, with the handler built on it. */
export interface Backend {
  /** `dynamodb` or `memory`, for test names. */
  name: 'dynamodb' | 'memory';
  /** Starts what it needs (dynalite); call in beforeAll. */
  start(): Promise<void>;
  /** Stops it; call in afterAll. */
  stop(): Promise<void>;
  /** A fresh, empty repository. */
  repository(): Promise<ProductRepository>;
  /** The handler over a fresh, empty table (for DynamoDB: through `createHandler`, as Lambda and the local stack build it). */
  handler(options?: BackendHandlerOptions): Promise<ProxyHandler>;
}

function dynamodbBackend(): Backend {
  let dynamo: LocalDynamo | undefined;
  const running = () => {
    if (!dynamo) throw new Error('Call start() first.');
    return dynamo;
  };
  return {
    name: 'dynamodb',
    async start() {
      dynamo = await startDynamo();
    },
    async stop() {
      await dynamo?.stop();
    },
    async repository() {
      const tableName = await running().createTable();
      return new DynamoDbProductRepository(createDocumentClient({ endpoint: running().endpoint, region: 'us-east-1' }), tableName);
    },
    async handler(options = {}) {
      const tableName = await running().createTable();
      return createHandler({ tableName, endpoint: running().endpoint, region: 'us-east-1', ...options });
    },
  };
}

function memoryBackend(): Backend {
  return {
    name: 'memory',
    async start() {},
    async stop() {},
    async repository() {
      return new InMemoryProductRepository();
    },
    async handler(options = {}) {
      return createService({ repository: new InMemoryProductRepository(), ...options });
    },
  };
}

/** Both backends, fresh (each suite file starts and stops its own). */
export function backends(): Backend[] {
  return [dynamodbBackend(), memoryBackend()];
}

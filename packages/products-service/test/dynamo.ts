// A real DynamoDB-API server (dynalite, in memory) on 127.0.0.1 and a random port, for the tests.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { createTableInput } from '../src/table.ts';

/** A running dynalite. */
export interface LocalDynamo {
  /** `http://127.0.0.1:<port>`. */
  endpoint: string;
  /** Creates a fresh products table with a unique name and returns the name. */
  createTable(prefix?: string): Promise<string>;
  /** Stops the server. */
  stop(): Promise<void>;
}

let tables = 0;

/**
 * Starts dynalite on a free port of 127.0.0.1 (tables are ACTIVE at once: no artificial delays).
 * @example const dynamo = await startDynamo(); const table = await dynamo.createTable();
 */
export async function startDynamo(): Promise<LocalDynamo> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  return {
    endpoint,
    async createTable(prefix = 'products') {
      const name = `${prefix}-${process.pid}-${++tables}`;
      await client.send(new CreateTableCommand(createTableInput(name)));
      return name;
    },
    async stop() {
      client.destroy();
      server.closeAllConnections?.();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

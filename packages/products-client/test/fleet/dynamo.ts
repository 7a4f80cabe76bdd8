// dynalite (a DynamoDB-API server, in memory) on 127.0.0.1 and a random port, with token cache tables.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';

/** A running dynalite. */
export interface LocalDynamo {
  /** `http://127.0.0.1:<port>`. */
  endpoint: string;
  /** A document client for it. */
  documentClient(): DynamoDBDocumentClient;
  /** Creates a token cache table as the README documents it (partition key `pk`), returns its name. */
  createTable(): Promise<string>;
  /** Stops the server. */
  stop(): Promise<void>;
}

let tables = 0;

/**
 * Starts dynalite on a free port of 127.0.0.1.
 * @example const dynamo = await startDynamo(); const table = await dynamo.createTable();
 */
export async function startDynamo(): Promise<LocalDynamo> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clients: DynamoDBClient[] = [];
  const raw = () => {
    const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    clients.push(client);
    return client;
  };
  return {
    endpoint,
    documentClient: () => DynamoDBDocumentClient.from(raw()),
    async createTable() {
      const name = `token-cache-${process.pid}-${++tables}`;
      await raw().send(
        new CreateTableCommand({
          TableName: name,
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      return name;
    },
    async stop() {
      for (const client of clients) client.destroy();
      server.closeAllConnections?.();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

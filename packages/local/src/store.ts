/// <reference path="./dynalite.d.ts" />
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceNotFoundException, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { LocalStackError } from './errors.ts';

/** A running dynalite: its endpoint and how to stop it. */
export type Store = {
  /** `http://127.0.0.1:<port>`. */
  endpoint: string;
  /** A DynamoDB client for this endpoint (static local credentials). */
  client: DynamoDBClient;
  /** Closes the client and dynalite (which closes its LevelDB). */
  stop(): Promise<void>;
};

/** The credentials every local DynamoDB client uses: dynalite checks that there are some, not which. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * Starts dynalite on a random port of 127.0.0.1, persisted in `path` (LevelDB; every write is in
 * the OS before dynalite answers, so it survives `kill -9`) or in memory without one, and creates
 * each table that is missing.
 * @example const store = await startStore({ path: '.local/dynamodb', region: 'us-east-1', tables: [createTableInput('products')] });
 */
export async function startStore(options: { path?: string; region: string; tables: CreateTableCommandInput[] }): Promise<Store> {
  const server = dynalite({ path: options.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }) as Server;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
  } catch (cause) {
    throw new LocalStackError('store_failed', `dynalite could not start${options.path ? ` on "${options.path}" (is another products-local using this data dir?)` : ''}: ${(cause as Error).message}`, { cause });
  }
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({ endpoint, region: options.region, credentials: LOCAL_CREDENTIALS });
  const stop = async (): Promise<void> => {
    client.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  try {
    for (const table of options.tables) {
      try {
        await client.send(new DescribeTableCommand({ TableName: table.TableName }));
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
        await client.send(new CreateTableCommand(table));
      }
    }
  } catch (cause) {
    await stop();
    throw new LocalStackError('store_failed', `Cannot create the tables in dynalite${options.path ? ` at "${options.path}"` : ''}: ${(cause as Error).message}`, { cause });
  }
  return { endpoint, client, stop };
}

// @org/products-client/token-cache/dynamodb: a token cache in a DynamoDB table, for fleets on AWS
// (Lambda functions, containers across hosts). One item per scope set, one per lease:
//   { pk: 'token#<key>', sealed, expiresAt, ttl }   and   { pk: 'lease#<key>', holder, expiresAt, ttl }
// Table: partition key `pk` (String), no sort key; TTL enabled on the `ttl` attribute (epoch seconds).
// The function's role needs dynamodb:GetItem, PutItem and DeleteItem on that table only.
import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConfigurationError } from '../errors.ts';
import { sharedTokenCache } from './shared.ts';
import type { SharedCacheOptions, SharedTokenCache, TokenCache } from './types.ts';

/** Options of {@link dynamoDbTokenCache}: table, client, the shared cache's bounds. */
export interface DynamoDbTokenCacheOptions extends SharedCacheOptions {
  /** The table: partition key `pk` (String), TTL on `ttl`; it may hold other items (ours start with `token#` and `lease#`). */
  tableName: string;
  /** A DynamoDBDocumentClient (`@aws-sdk/lib-dynamodb`), built once per process. */
  client: DynamoDBDocumentClient;
  /** The clock for lease expiry, in ms since the epoch (default `Date.now`). */
  now?: () => number;
}

/**
 * A token cache in a DynamoDB table, shared by a whole fleet: one token request per scope set.
 * Tokens are sealed by the provider (AES-GCM, key from the client secret); the lease is a
 * conditional write; expired items go through DynamoDB TTL.
 *
 * @example
 * ```ts
 * import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
 * import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
 * import { dynamoDbTokenCache } from '@org/products-client/token-cache/dynamodb';
 * const cache = dynamoDbTokenCache({ tableName: process.env.TOKEN_CACHE_TABLE!, client: DynamoDBDocumentClient.from(new DynamoDBClient({})) });
 * const client = createProductsClient({ baseUrl, credentials, token: { cache } });
 * ```
 */
export function dynamoDbTokenCache(options: DynamoDbTokenCacheOptions): TokenCache & SharedTokenCache {
  if (options === null || typeof options !== 'object' || typeof options.tableName !== 'string' || options.tableName === '') {
    throw new ConfigurationError('invalid_option', `dynamoDbTokenCache needs { tableName, client }: tableName must be a table name, got ${JSON.stringify(options?.tableName ?? null)}.`);
  }
  if (typeof options.client?.send !== 'function') {
    throw new ConfigurationError('invalid_option', 'dynamoDbTokenCache needs { tableName, client }: client must be a DynamoDBDocumentClient from @aws-sdk/lib-dynamodb.');
  }
  const { tableName: TableName, client } = options;
  const now = options.now ?? Date.now;
  // `ttl` is a reserved word, so is `owner`: names go through placeholders.
  const names = { '#pk': 'pk', '#sealed': 'sealed', '#holder': 'holder', '#expiresAt': 'expiresAt' };
  const ttl = (expiresAt: number) => Math.ceil(expiresAt / 1000) + 60;

  const port: TokenCache = {
    async get(key) {
      const { Item } = await client.send(new GetCommand({ TableName, Key: { pk: `token#${key}` }, ConsistentRead: true }));
      // TTL deletes up to days late: the provider checks expiresAt itself.
      return typeof Item?.sealed === 'string' && typeof Item.expiresAt === 'number' ? { value: Item.sealed, expiresAt: Item.expiresAt } : undefined;
    },
    async set(key, entry) {
      await client.send(new PutCommand({ TableName, Item: { pk: `token#${key}`, sealed: entry.value, expiresAt: entry.expiresAt, ttl: ttl(entry.expiresAt) } }));
    },
    async delete(key, value) {
      await ignoringConditionFailure(
        client.send(
          new DeleteCommand({
            TableName,
            Key: { pk: `token#${key}` },
            ConditionExpression: '#sealed = :sealed',
            ExpressionAttributeNames: { '#sealed': names['#sealed'] },
            ExpressionAttributeValues: { ':sealed': value },
          }),
        ),
      );
    },
    async acquire(key, owner, ttlMs) {
      const expiresAt = now() + ttlMs;
      const put = client.send(
        new PutCommand({
          TableName,
          Item: { pk: `lease#${key}`, holder: owner, expiresAt, ttl: ttl(expiresAt) },
          // Free, stale (its holder died), or already ours.
          ConditionExpression: 'attribute_not_exists(#pk) OR #expiresAt <= :now OR #holder = :holder',
          ExpressionAttributeNames: { '#pk': names['#pk'], '#expiresAt': names['#expiresAt'], '#holder': names['#holder'] },
          ExpressionAttributeValues: { ':now': now(), ':holder': owner },
        }),
      );
      return (await ignoringConditionFailure(put.then(() => true), false)) ?? false;
    },
    async release(key, owner) {
      await ignoringConditionFailure(
        client.send(
          new DeleteCommand({
            TableName,
            Key: { pk: `lease#${key}` },
            ConditionExpression: '#holder = :holder',
            ExpressionAttributeNames: { '#holder': names['#holder'] },
            ExpressionAttributeValues: { ':holder': owner },
          }),
        ),
      );
    },
  };
  return sharedTokenCache(port, options);
}

async function ignoringConditionFailure<T>(pending: Promise<T>, otherwise?: T): Promise<T | undefined> {
  try {
    return await pending;
  } catch (error) {
    if ((error as { name?: unknown } | null)?.name === 'ConditionalCheckFailedException') return otherwise;
    throw error;
  }
}

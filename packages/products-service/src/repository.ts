// The products table behind a typed API: every DynamoDB error is translated here, at the boundary.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { components } from './generated/openapi.ts';
import { AlreadyExistsError, DynamoDbError, NotFoundError, PreconditionFailedError } from './errors.ts';
import type { IfMatch } from './etag.ts';
import type { ProductKey } from './cursor.ts';
import { productsTable } from './table.ts';

/** A stored product, as the contract defines it. */
export type Product = components['schemas']['Product'];
/** The body of `createProduct`. */
export type NewProduct = components['schemas']['NewProduct'];
/** The body of `updateProduct`. */
export type ProductUpdate = components['schemas']['ProductUpdate'];

/** Options of `createDocumentClient`. */
export interface DocumentClientOptions {
  /** A DynamoDB endpoint to use instead of AWS's (dynalite, DynamoDB Local). */
  endpoint?: string | undefined;
  /** The AWS region; `AWS_REGION`, then `us-east-1` when absent. */
  region?: string | undefined;
}

/**
 * The DynamoDB document client the handler uses. With an `endpoint` and no AWS credentials in the
 * environment it signs with dummy credentials, so a local server works without the SDK probing the
 * instance metadata service (an address off this machine).
 * @example const dynamodb = createDocumentClient({ endpoint: 'http://127.0.0.1:4567', region: 'us-east-1' });
 */
export function createDocumentClient(options: DocumentClientOptions = {}): DynamoDBDocumentClient {
  const { endpoint } = options;
  const region = options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const dummy = endpoint !== undefined && !process.env.AWS_ACCESS_KEY_ID;
  const client = new DynamoDBClient({
    region,
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(dummy ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

const KEY = productsTable.partitionKey.name;

function isConditionFailure(error: unknown): error is Error & { Item?: Record<string, { N?: string }> } {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/** A stored item as the contract's Product: only its known fields, so stray attributes never leak. */
function toProduct(item: Record<string, unknown>): Product {
  const product: Product = {
    id: String(item.id),
    name: String(item.name),
    createdAt: String(item.createdAt),
    updatedAt: String(item.updatedAt),
    createdBy: String(item.createdBy),
    version: Number(item.version),
  };
  if (typeof item.description === 'string') product.description = item.description;
  if (typeof item.price === 'number') product.price = item.price;
  return product;
}

/** Options of `ProductRepository.replace`. */
export interface ReplaceOptions {
  /** The new `updatedAt` (ISO 8601). */
  now: string;
  /** The parsed `If-Match` header; absent for an unconditional update. */
  ifMatch?: IfMatch | undefined;
}

/** The products table, typed. Construct once per handler; every method is one DynamoDB call (two on a failed condition). */
export class ProductRepository {
  /**
   * A repository over one products table through a document client.
   * @example const repo = new ProductRepository(createDocumentClient(), 'products');
   */
  constructor(
    private readonly dynamodb: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private translate(operation: string, error: unknown): DynamoDbError {
    const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return new DynamoDbError(`DynamoDB ${operation} on table "${this.tableName}" failed (${what}).`, { cause: error });
  }

  /**
   * One page of a scan, in table order.
   * @example const { items, lastKey } = await repo.list(20);
   */
  async list(limit: number, startKey?: ProductKey): Promise<{ items: Product[]; lastKey: ProductKey | undefined }> {
    try {
      const out = await this.dynamodb.send(
        new ScanCommand({ TableName: this.tableName, Limit: limit, ...(startKey ? { ExclusiveStartKey: startKey } : {}) }),
      );
      const lastId = out.LastEvaluatedKey?.[KEY];
      return {
        items: (out.Items ?? []).map(toProduct),
        lastKey: typeof lastId === 'string' ? { [KEY]: lastId } : undefined,
      };
    } catch (error) {
      throw this.translate('Scan', error);
    }
  }

  /**
   * Stores a new product unless its id exists (`attribute_not_exists`): the first writer wins.
   * @example await repo.create({ id: 'a', name: 'A', createdAt, updatedAt: createdAt, createdBy: 'client', version: 1 });
   */
  async create(product: Product): Promise<Product> {
    try {
      await this.dynamodb.send(
        new PutCommand({
          TableName: this.tableName,
          Item: product,
          ConditionExpression: 'attribute_not_exists(#id)',
          ExpressionAttributeNames: { '#id': KEY },
        }),
      );
      return product;
    } catch (error) {
      if (isConditionFailure(error)) {
        throw new AlreadyExistsError(`Product ${JSON.stringify(product.id)} exists already; choose another id, or leave it out to get a generated one.`, { cause: error });
      }
      throw this.translate('PutItem', error);
    }
  }

  /**
   * One product by id (strongly consistent, so a read after a write sees it and its current ETag).
   * @example const product = await repo.get('android');
   */
  async get(id: string): Promise<Product> {
    const item = await this.find(id);
    if (!item) throw this.notFound(id);
    return item;
  }

  private async find(id: string): Promise<Product | undefined> {
    try {
      const out = await this.dynamodb.send(new GetCommand({ TableName: this.tableName, Key: { [KEY]: id }, ConsistentRead: true }));
      return out.Item ? toProduct(out.Item) : undefined;
    } catch (error) {
      throw this.translate('GetItem', error);
    }
  }

  private notFound(id: string, cause?: unknown): NotFoundError {
    return new NotFoundError(`Product ${JSON.stringify(id)} was not found.`, { cause });
  }

  /**
   * Replaces the mutable fields of an existing product (a field left out is removed) and bumps its version,
   * only if it exists and, with `ifMatch`, only if its version is one of those named.
   * @example const updated = await repo.replace('android', { name: 'Phone' }, { now: new Date().toISOString() });
   */
  async replace(id: string, update: ProductUpdate, options: ReplaceOptions): Promise<Product> {
    const names: Record<string, string> = { '#id': KEY, '#name': 'name', '#updatedAt': 'updatedAt', '#version': 'version' };
    const values: Record<string, unknown> = { ':name': update.name, ':updatedAt': options.now, ':one': 1 };
    const set = ['#name = :name', '#updatedAt = :updatedAt', '#version = #version + :one'];
    const remove: string[] = [];
    for (const field of ['description', 'price'] as const) {
      names[`#${field}`] = field;
      if (update[field] === undefined) remove.push(`#${field}`);
      else {
        set.push(`#${field} = :${field}`);
        values[`:${field}`] = update[field];
      }
    }
    let condition = 'attribute_exists(#id)';
    const ifMatch = options.ifMatch;
    if (ifMatch && !ifMatch.any) {
      const placeholders = ifMatch.versions.map((version, i) => {
        values[`:v${i}`] = version;
        return `:v${i}`;
      });
      condition += ` AND #version IN (${placeholders.join(', ')})`;
    }
    try {
      const out = await this.dynamodb.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { [KEY]: id },
          UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return toProduct(out.Attributes ?? {});
    } catch (error) {
      if (!isConditionFailure(error)) throw this.translate('UpdateItem', error);
      if (!ifMatch || ifMatch.any) throw this.notFound(id, error);
      // DynamoDB returns the old item on a failed condition; emulators that do not, get one more read.
      const oldVersion = error.Item?.version?.N;
      const current = oldVersion !== undefined ? Number(oldVersion) : (await this.find(id))?.version;
      if (current === undefined) throw this.notFound(id, error);
      throw new PreconditionFailedError(
        `Product ${JSON.stringify(id)} is at version "${current}", not ${ifMatch.header}: read it again and retry.`,
        { cause: error },
      );
    }
  }

  /**
   * Deletes an existing product (`attribute_exists`).
   * @example await repo.delete('android');
   */
  async delete(id: string): Promise<void> {
    try {
      await this.dynamodb.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { [KEY]: id },
          ConditionExpression: 'attribute_exists(#id)',
          ExpressionAttributeNames: { '#id': KEY },
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw this.notFound(id, error);
      throw this.translate('DeleteItem', error);
    }
  }
}

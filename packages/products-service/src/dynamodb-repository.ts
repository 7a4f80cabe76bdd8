// The products table on DynamoDB (lib-dynamodb): every DynamoDB error is translated here, at the boundary.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  NumberValue,
  PutCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { AlreadyExistsError, DynamoDbError, NotFoundError, PreconditionFailedError, ValidationError } from './errors.ts';
import type { ProductKey } from './cursor.ts';
import { toProduct, unstorableNumber, type Product, type ProductPage, type ProductRepository, type ProductUpdate, type ReplaceOptions } from './repository.ts';
import { productsTable } from './table.ts';

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

/** DynamoDB's answer to a number out of its range (`Number overflow`, `Number underflow`, `38 significant digits`). */
function isNumberRejection(error: unknown): boolean {
  return error instanceof Error && error.name === 'ValidationException' && /\bnumber\b/i.test(error.message) && /overflow|underflow|significant digits/i.test(error.message);
}

/**
 * A number as lib-dynamodb should send it: its decimal text. A plain number beyond 2^53 makes lib-dynamodb's
 * marshaller throw (it asks for BigInt) whatever the client's options; the text goes to DynamoDB as is.
 */
function numberAttribute(value: number): NumberValue {
  return NumberValue.from(String(value));
}

/** The item as stored: numbers as their decimal text (see numberAttribute). */
function toItem(product: Product): Record<string, unknown> {
  return product.price === undefined ? { ...product } : { ...product, price: numberAttribute(product.price) };
}

/**
 * The products table on DynamoDB: conditional writes (`attribute_not_exists`, `attribute_exists`, `version IN`),
 * `ReturnValuesOnConditionCheckFailure` to tell 412 from 404 in one call, and every SDK error translated.
 * @example const repository = new DynamoDbProductRepository(createDocumentClient(), 'products');
 */
export class DynamoDbProductRepository implements ProductRepository {
  /**
   * A repository over one products table through a document client.
   * @example const repository = new DynamoDbProductRepository(createDocumentClient(), 'products');
   */
  constructor(
    private readonly dynamodb: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private translate(operation: string, error: unknown): DynamoDbError {
    const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return new DynamoDbError(`DynamoDB ${operation} on table "${this.tableName}" failed (${what}).`, { cause: error });
  }

  /** A number DynamoDB refused: the same 400 the in-memory repository answers, naming the field. */
  private numberRejected(fields: Record<string, unknown>, error: unknown): ValidationError {
    const named = unstorableNumber(fields);
    const message = named?.message ?? `Invalid request body: a number is outside the range DynamoDB stores (${error instanceof Error ? error.message : String(error)}).`;
    return new ValidationError(message, { cause: error });
  }

  async list(limit: number, startKey?: ProductKey): Promise<ProductPage> {
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

  async create(product: Product): Promise<Product> {
    try {
      await this.dynamodb.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toItem(product),
          ConditionExpression: 'attribute_not_exists(#id)',
          ExpressionAttributeNames: { '#id': KEY },
        }),
      );
      return product;
    } catch (error) {
      if (isConditionFailure(error)) {
        throw new AlreadyExistsError(`Product ${JSON.stringify(product.id)} exists already; choose another id, or leave it out to get a generated one.`, { cause: error });
      }
      if (isNumberRejection(error)) throw this.numberRejected(product, error);
      throw this.translate('PutItem', error);
    }
  }

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

  async replace(id: string, update: ProductUpdate, options: ReplaceOptions): Promise<Product> {
    const names: Record<string, string> = { '#id': KEY, '#name': 'name', '#updatedAt': 'updatedAt', '#version': 'version' };
    const values: Record<string, unknown> = { ':name': update.name, ':updatedAt': options.now, ':one': 1 };
    const set = ['#name = :name', '#updatedAt = :updatedAt', '#version = #version + :one'];
    const remove: string[] = [];
    for (const field of ['description', 'price'] as const) {
      names[`#${field}`] = field;
      const value = update[field];
      if (value === undefined) remove.push(`#${field}`);
      else {
        set.push(`#${field} = :${field}`);
        values[`:${field}`] = typeof value === 'number' ? numberAttribute(value) : value;
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
      if (isNumberRejection(error)) throw this.numberRejected(update, error);
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

import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The products table's key schema: one string partition key `id`, no sort key. The one definition shared by
 * the handler, the local stack and the CDK app.
 */
export const productsTable = {
  /** The partition key: the product id. */
  partitionKey: { name: 'id', type: 'S' },
} as const;

/**
 * The `CreateTable` input for a products table (on-demand billing), for the local stack and tests.
 * @example await dynamodb.send(new CreateTableCommand(createTableInput('products')));
 */
export function createTableInput(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    AttributeDefinitions: [{ AttributeName: productsTable.partitionKey.name, AttributeType: productsTable.partitionKey.type }],
    KeySchema: [{ AttributeName: productsTable.partitionKey.name, KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  };
}

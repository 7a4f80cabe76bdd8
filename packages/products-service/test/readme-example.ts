import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { createDocumentClient, createHandler, createTableInput, type ProxyHandler } from '@org/products-service';

/** The handler on a new products table of a local DynamoDB API (dynalite, DynamoDB Local) at `endpoint`. */
export async function localHandler(endpoint: string, tableName = 'products'): Promise<ProxyHandler> {
  const dynamodb = createDocumentClient({ endpoint, region: 'us-east-1' });
  await dynamodb.send(new CreateTableCommand(createTableInput(tableName)));
  return createHandler({ tableName, dynamodb }); // per request: a JSON log line and an EMF metrics line on stdout
}

// const result = await (await localHandler('http://127.0.0.1:8000'))(event, context); // APIGatewayProxyResult

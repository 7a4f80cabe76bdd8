// `npm run build && npm start`: prunes products not updated for STALE_DAYS days (default 365).
import { createProductsClient, operations } from '@org/products-client';
import { pruneStaleProducts } from './inventory.js';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Set ${name} (see README.md).`);
  return value;
}

const client = createProductsClient({
  baseUrl: env('PRODUCTS_API_URL'),
  credentials: { tokenUrl: env('PRODUCTS_TOKEN_URL'), clientId: env('PRODUCTS_CLIENT_ID'), clientSecret: env('PRODUCTS_CLIENT_SECRET') },
  // Least privilege: only the scopes of the two operations the job calls, read from the client's map.
  scopes: [...operations.listProducts.scopes, ...operations.deleteProduct.scopes],
});
const days = Number(process.env.STALE_DAYS ?? '365');
const report = await pruneStaleProducts({
  client,
  staleBefore: new Date(Date.now() - days * 86_400_000),
  dryRun: process.env.DRY_RUN === '1',
});
console.log(JSON.stringify(report, null, 2));

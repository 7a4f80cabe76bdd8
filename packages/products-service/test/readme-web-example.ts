import { createService, InMemoryProductRepository, type ProxyHandler } from '@org/products-service/web';

/** The service on an in-memory table seeded with one product: the same answers as on DynamoDB. */
export function memoryHandler(): ProxyHandler {
  const repository = new InMemoryProductRepository();
  const at = '2026-11-26T10:00:00.000Z';
  repository.put({ id: 'android', name: 'Android phone', createdAt: at, updatedAt: at, createdBy: 'seed', version: 1 });
  return createService({ repository, log: () => {} });
}

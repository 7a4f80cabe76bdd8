// @org/products-client/token-cache: shared token caches for processes on one host (files) or one
// process's providers (memory). The DynamoDB one is `@org/products-client/token-cache/dynamodb`.
export { fileTokenCache, type FileTokenCacheOptions } from './file.ts';
export { memoryTokenCache, type MemoryTokenCacheOptions } from './memory.ts';
export { sharedTokenCache } from './shared.ts';
export type { SharedCacheOptions, SharedTokenCache, TokenCache, TokenCacheEntry } from './types.ts';

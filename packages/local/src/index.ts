export { startLocalStack, writeStackJson, stackDocument, REPO_ROOT } from './stack.ts';
export type { LocalStack, LocalStackOptions, LocalClient } from './stack.ts';
export type { LocalConfig, ClientConfig, FunctionConfig } from './config.ts';
export { LocalStackError } from './errors.ts';
export type { LocalStackErrorCode } from './errors.ts';
export { JoseVerifier } from './cognito/verifier.ts';
export type { UserPool } from './cognito/verifier.ts';
export { KeyStore } from './cognito/keys.ts';
export { createApp, listen } from './server.ts';
export type { App } from './server.ts';
// The gateway itself is @org/products-core's, shared with the MSW kit.
export { createGateway, createTokenEndpoint } from '@org/products-core';
export type { GatewayOptions, LambdaHandler, RequestInfo } from '@org/products-core';

import { createHash } from 'node:crypto';
import {
  listOperations,
  resourceServerOf,
  substitutePlaceholders,
  type OpenApiDocument,
  type PlaceholderName,
} from '@org/products-contract';
import { InfraError } from './errors.ts';

/** The values the CDK app puts in for the spec's placeholders (CDK tokens in the stack). */
export type PlaceholderValues = Record<PlaceholderName, string>;

/** An app client of the user pool: its name and the full scopes it may ask for. */
export type AppClientSpec = {
  /** The app client's name in Cognito (`products-admin`). */
  name: string;
  /** The full scopes (`<identifier>/<name>`) the client may ask for. */
  scopes: string[];
};

/**
 * The spec as the REST API imports it: every placeholder replaced, nothing else changed. Throws (typed) on a
 * placeholder the app has no value for.
 * @example apigateway.ApiDefinition.fromInline(apiDefinitionOf(spec, { 'AWS::Region': region, 'AWS::Partition': partition, UserPoolArn, ProductsFunctionArn }))
 */
export function apiDefinitionOf(spec: OpenApiDocument, values: PlaceholderValues): OpenApiDocument {
  try {
    return substitutePlaceholders(spec, values);
  } catch (cause) {
    throw new InfraError('bad_spec', `Cannot prepare openapi.yaml for API Gateway: ${(cause as Error).message}`, { cause });
  }
}

/**
 * A SHA-256 of the spec as read (before substitution): it changes exactly when openapi.yaml changes, so
 * the stage names the spec it serves and the REST API gets a new deployment for a new spec.
 * @example specHash(loadSpec()).slice(0, 12)
 */
export function specHash(spec: OpenApiDocument): string {
  return createHash('sha256').update(JSON.stringify(spec)).digest('hex');
}

/**
 * Every scope of the spec's resource server, in full (`<identifier>/<name>`), in declaration order.
 * @example fullScopes(spec) // ['product-api/read_product', ...]
 */
export function fullScopes(spec: OpenApiDocument): string[] {
  const server = resourceServerOf(spec);
  return Object.keys(server.scopes).map((name) => `${server.identifier}/${name}`);
}

/**
 * The app clients the stack creates, both client_credentials only: `products-admin` may ask for every
 * scope, `products-reader` for the scopes of the GET operations (as the local stack's defaults).
 * @example appClientsOf(spec).map((c) => c.name) // ['products-admin', 'products-reader']
 */
export function appClientsOf(spec: OpenApiDocument): AppClientSpec[] {
  const all = fullScopes(spec);
  const read = new Set(listOperations(spec).filter((op) => op.method === 'get').flatMap((op) => op.scopes));
  if (read.size === 0) {
    throw new InfraError('bad_spec', 'openapi.yaml has no GET operation with scopes, so products-reader would have no scope.');
  }
  return [
    { name: 'products-admin', scopes: all },
    { name: 'products-reader', scopes: all.filter((s) => read.has(s)) },
  ];
}

/**
 * The token endpoint URL from the resource server's `tokenUrl` template in the spec
 * (`https://{domainPrefix}.auth.{region}.amazoncognito.com/oauth2/token`); values may be CDK tokens.
 * @example tokenUrlOf(spec, { domainPrefix: 'products-api', region: 'eu-west-1' })
 */
export function tokenUrlOf(spec: OpenApiDocument, values: { domainPrefix: string; region: string }): string {
  const template = resourceServerOf(spec).tokenUrl;
  if (!template.includes('{domainPrefix}') || !template.includes('{region}')) {
    throw new InfraError(
      'bad_spec',
      `x-oauth2-resource-server.tokenUrl "${template}" must contain {domainPrefix} and {region}, as Cognito's ` +
        'https://{domainPrefix}.auth.{region}.amazoncognito.com/oauth2/token does.',
    );
  }
  return template.replaceAll('{domainPrefix}', values.domainPrefix).replaceAll('{region}', values.region);
}


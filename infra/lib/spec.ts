import { createHash } from 'node:crypto';
import {
  defaultClients,
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
 * The app clients the stack creates, both client_credentials only, by the one rule the local stack and
 * the MSW kit use too (`defaultClients` of @org/products-contract, which `pnpm generate` writes into the
 * contract model): `products-admin` may ask for every scope, `products-reader` for the scopes that only
 * read (used by GET operations and by no other method).
 * @example appClientsOf(spec).map((c) => c.name) // ['products-admin', 'products-reader']
 */
export function appClientsOf(spec: OpenApiDocument): AppClientSpec[] {
  const clients = defaultClients(spec);
  const empty = clients.find((c) => c.scopes.length === 0);
  if (empty) {
    throw new InfraError('bad_spec', `openapi.yaml gives the default app client "${empty.name}" no scope (no scope is used only by GET operations).`);
  }
  return clients;
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


/** Stage throttling as API Gateway applies it: a token bucket refilled at `rateLimit` per second, `burstLimit` deep. */
export type Throttling = {
  /** Steady-state requests per second across the stage. */
  rateLimit: number;
  /** The bucket's size: how many requests may arrive at once. */
  burstLimit: number;
};

/** The spec's root key that holds the stage throttling (read here and by the local stack's emulator). */
export const THROTTLING_KEY = 'x-products-throttling';

/**
 * The stage throttling declared once in openapi.yaml (`x-products-throttling: { rateLimit, burstLimit }`).
 * Throws a typed `bad_spec` error when it is missing or not positive whole numbers.
 * @example throttlingOf(loadSpec()) // { rateLimit: 50, burstLimit: 100 }
 */
export function throttlingOf(spec: OpenApiDocument): Throttling {
  const raw = spec[THROTTLING_KEY];
  const value = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : undefined;
  const whole = (v: unknown, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= max;
  // API Gateway's default account quotas (10,000 rps, 5,000 burst) bound what a stage may be given.
  if (!value || !whole(value.rateLimit, 10000) || !whole(value.burstLimit, 5000)) {
    throw new InfraError(
      'bad_spec',
      `openapi.yaml's ${THROTTLING_KEY} is ${JSON.stringify(raw)}; expected { rateLimit: <1 to 10000>, burstLimit: <1 to 5000> } ` +
        '(whole numbers: requests per second and burst of the stage). Set it at the root of openapi.yaml.',
    );
  }
  return { rateLimit: value.rateLimit, burstLimit: value.burstLimit };
}

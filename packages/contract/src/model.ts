// The contract model: everything the gateway core, the service and the mock need to know about
// openapi.yaml, resolved once ($refs followed, path-level parameters merged, the authorizer and
// validators looked up) into plain JSON. `pnpm generate` writes it, with precompiled validators, into
// packages/core/src/generated/; nothing parses the spec at run time. Tests that emulate another spec
// build the same model with `compileContract` (tooling only: it compiles with ajv at call time).
import { Ajv, type AnySchema, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { AUTHORIZER_SCHEME, HTTP_METHODS, isObject, listOperations, resourceServerOf, SpecError, type OpenApiDocument } from './spec.ts';

// ajv-formats is CommonJS with a default export; under NodeNext its namespace is what we get.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

import type {
  Contract,
  ContractModel,
  DefaultClientModel,
  GatewayResponseModel,
  OperationModel,
  ParameterModel,
  ResponseModel,
  SecurityModel,
  Validator,
} from '@org/products-core/model';

export type { Contract, ContractModel, DefaultClientModel, GatewayResponseModel, OperationModel, ParameterModel, ResponseModel, SecurityModel, Validator };

/**
 * Scopes that only read: used by GET/HEAD operations and by no operation of another method. A scope
 * that also authorizes a write is not read-only, so the reader client never gets it.
 * @example readOnlyScopes(spec) // ['product-api/read_product']
 */
export function readOnlyScopes(spec: OpenApiDocument): string[] {
  const ops = listOperations(spec);
  const reads = (m: string) => m === 'get' || m === 'head';
  const writing = new Set(ops.filter((op) => !reads(op.method)).flatMap((op) => op.scopes));
  const reading = new Set(ops.filter((op) => reads(op.method)).flatMap((op) => op.scopes));
  return specScopes(spec).filter((s) => reading.has(s) && !writing.has(s));
}

/**
 * Every full scope of the spec's resource server; without one, every scope the operations use.
 * @example specScopes(spec) // ['product-api/read_product', ...]
 */
export function specScopes(spec: OpenApiDocument): string[] {
  let server;
  try {
    server = resourceServerOf(spec);
  } catch {
    return [...new Set(listOperations(spec).flatMap((op) => op.scopes))];
  }
  return Object.keys(server.scopes).map((name) => `${server.identifier}/${name}`);
}

/**
 * The default app clients, one rule for everyone: `products-admin` with every scope and
 * `products-reader` with the read-only scopes.
 * @example defaultClients(spec).map((c) => c.name) // ['products-admin', 'products-reader']
 */
export function defaultClients(spec: OpenApiDocument): DefaultClientModel[] {
  return [
    { name: 'products-admin', scopes: specScopes(spec) },
    { name: 'products-reader', scopes: readOnlyScopes(spec) },
  ];
}

function unescapePointer(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** Follows local `$ref`s until a node that is not a reference. */
function deref(spec: OpenApiDocument, value: unknown, at: string): unknown {
  let node = value;
  for (let hops = 0; isObject(node) && typeof node.$ref === 'string'; hops++) {
    if (hops > 20) throw new SpecError('spec_invalid_ref', `The $ref chain at ${at} is too long (a cycle?).`);
    const ref = node.$ref;
    if (!ref.startsWith('#/')) throw new SpecError('spec_invalid_ref', `Only local $refs are supported, not "${ref}" (at ${at}).`);
    let target: unknown = spec;
    for (const part of ref.slice(2).split('/')) target = isObject(target) || Array.isArray(target) ? (target as Record<string, unknown>)[unescapePointer(part)] : undefined;
    if (target === undefined) throw new SpecError('spec_invalid_ref', `The $ref "${ref}" at ${at} points at nothing.`);
    node = target;
  }
  return node;
}

/** Collects the schemas to compile, keyed, while building the model. */
class SchemaRegistry {
  readonly schemas = new Map<string, unknown>();
  add(key: string, schema: unknown): string {
    this.schemas.set(key, schema);
    return key;
  }
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * Builds the contract model from a parsed spec, and the list of schemas to compile (validator key →
 * JSON Schema, `$ref`s still pointing into `#/components/...`).
 * @example const { model, schemas } = buildModel(loadSpec());
 */
export function buildModel(spec: OpenApiDocument): { model: ContractModel; schemas: Map<string, unknown> } {
  const registry = new SchemaRegistry();
  const schemes = isObject(spec.components?.securitySchemes) ? (spec.components!.securitySchemes as Record<string, unknown>) : {};
  const validators = isObject(spec['x-amazon-apigateway-request-validators']) ? (spec['x-amazon-apigateway-request-validators'] as Record<string, unknown>) : {};
  const rootValidator = typeof spec['x-amazon-apigateway-request-validator'] === 'string' ? (spec['x-amazon-apigateway-request-validator'] as string) : null;

  for (const [path, item] of Object.entries(spec.paths)) {
    if (isObject(item) && 'x-amazon-apigateway-any-method' in item) {
      throw new SpecError('spec_unsupported', `Path "${path}" uses x-amazon-apigateway-any-method, which the gateway core does not emulate; declare each method.`);
    }
  }

  const operations: OperationModel[] = listOperations(spec).map((op) => {
    const where = `${op.method.toUpperCase()} ${op.path}`;
    const integration = op.raw['x-amazon-apigateway-integration'];
    if (!isObject(integration) || integration.type !== 'aws_proxy' || typeof integration.uri !== 'string') {
      throw new SpecError('spec_unsupported', `Operation "${op.operationId}" has no aws_proxy x-amazon-apigateway-integration; only Lambda proxy integrations are emulated.`);
    }

    let security: SecurityModel | null = null;
    const requirement = (Array.isArray(op.raw.security) ? op.raw.security : []).find(isObject) as Record<string, unknown> | undefined;
    for (const [name, scopes] of Object.entries(requirement ?? {})) {
      const scheme = schemes[name];
      const authorizer = isObject(scheme) ? scheme['x-amazon-apigateway-authorizer'] : undefined;
      if (!isObject(authorizer) || authorizer.type !== 'cognito_user_pools' || !Array.isArray(authorizer.providerARNs)) {
        throw new SpecError('spec_unsupported', `Operation "${op.operationId}" uses security scheme "${name}", which is not a cognito_user_pools authorizer; only Cognito authorizers are emulated.`);
      }
      security = { scheme: name, providerArns: stringList(authorizer.providerARNs), scopes: stringList(scopes) };
    }

    const validatorName = typeof op.raw['x-amazon-apigateway-request-validator'] === 'string' ? (op.raw['x-amazon-apigateway-request-validator'] as string) : rootValidator;
    let requestValidator: OperationModel['requestValidator'] = null;
    if (validatorName !== null) {
      const config = validators[validatorName];
      if (!isObject(config)) {
        throw new SpecError('spec_unsupported', `Operation "${op.operationId}" names request validator "${validatorName}", which x-amazon-apigateway-request-validators does not declare.`);
      }
      requestValidator = { name: validatorName, body: config.validateRequestBody === true, parameters: config.validateRequestParameters === true };
    }

    const byKey = new Map<string, ParameterModel>();
    const pathItem = spec.paths[op.path] ?? {};
    for (const [level, list] of [['path', pathItem.parameters], ['operation', op.raw.parameters]] as const) {
      for (const [i, raw] of (Array.isArray(list) ? list : []).entries()) {
        const p = deref(spec, raw, `${where} ${level} parameters[${i}]`);
        if (!isObject(p) || typeof p.name !== 'string') continue;
        if (p.in !== 'path' && p.in !== 'query' && p.in !== 'header') {
          throw new SpecError('spec_unsupported', `Parameter "${String(p.name)}" of ${op.operationId} is in "${String(p.in)}"; only path, query and header parameters are emulated.`);
        }
        const schema = deref(spec, p.schema ?? {}, `${where} parameter ${p.name}`);
        const type = isObject(schema) && typeof schema.type === 'string' ? schema.type : null;
        const key = `${op.operationId}.${p.in}.${p.name}`;
        byKey.set(`${p.in}:${p.name}`, { name: p.name, in: p.in, required: p.required === true, type, validator: registry.add(key, p.schema ?? {}) });
      }
    }

    let body: OperationModel['body'] = null;
    if (op.raw.requestBody !== undefined) {
      const requestBody = deref(spec, op.raw.requestBody, `${where} requestBody`);
      if (isObject(requestBody) && isObject(requestBody.content)) {
        const media: Record<string, string> = {};
        for (const [type, content] of Object.entries(requestBody.content)) {
          if (isObject(content) && content.schema !== undefined) media[type.toLowerCase()] = registry.add(`${op.operationId}.body.${type.toLowerCase()}`, content.schema);
        }
        body = { required: requestBody.required === true, media };
      }
    }

    const responses: Record<string, ResponseModel> = {};
    for (const [status, raw] of Object.entries(isObject(op.raw.responses) ? op.raw.responses : {})) {
      const response = deref(spec, raw, `${where} response ${status}`);
      if (!isObject(response)) continue;
      const json = isObject(response.content) ? response.content['application/json'] : undefined;
      const entry: ResponseModel = {
        headers: isObject(response.headers) ? Object.keys(response.headers) : [],
        validator: isObject(json) && json.schema !== undefined ? registry.add(`${op.operationId}.response.${status}`, json.schema) : null,
      };
      if (isObject(json) && json.example !== undefined) entry.example = json.example;
      responses[status] = entry;
    }

    return {
      operationId: op.operationId,
      method: op.method.toUpperCase(),
      path: op.path,
      security,
      integrationUri: integration.uri,
      requestValidator,
      parameters: [...byKey.values()],
      body,
      responses,
    };
  });

  const gatewayResponses: Record<string, GatewayResponseModel> = {};
  const rawResponses = spec['x-amazon-apigateway-gateway-responses'];
  for (const [type, value] of Object.entries(isObject(rawResponses) ? rawResponses : {})) {
    if (!isObject(value)) continue;
    const strings = (v: unknown) => Object.fromEntries(Object.entries(isObject(v) ? v : {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
    gatewayResponses[type] = {
      statusCode: value.statusCode === undefined ? null : Number(value.statusCode),
      templates: strings(value.responseTemplates),
      parameters: strings(value.responseParameters),
    };
  }

  let resourceServer: ContractModel['resourceServer'] = null;
  try {
    resourceServer = resourceServerOf(spec);
  } catch {
    resourceServer = null;
  }
  const throttlingRaw = spec['x-products-throttling'];
  const throttling =
    isObject(throttlingRaw) && typeof throttlingRaw.rateLimit === 'number' && typeof throttlingRaw.burstLimit === 'number'
      ? { rateLimit: throttlingRaw.rateLimit, burstLimit: throttlingRaw.burstLimit }
      : null;
  const errorSchema = spec.components?.schemas?.Error;
  const model: ContractModel = {
    title: typeof spec.info.title === 'string' ? spec.info.title : 'api',
    operations,
    gatewayResponses,
    binaryMediaTypes: stringList(spec['x-amazon-apigateway-binary-media-types']),
    resourceServer,
    allScopes: specScopes(spec),
    defaultClients: defaultClients(spec),
    throttling,
    errorValidator: errorSchema === undefined ? null : registry.add('schema.Error', { $ref: '#/components/schemas/Error' }),
  };
  for (const name of Object.keys(spec.components?.schemas ?? {})) registry.add(`schema.${name}`, { $ref: `#/components/schemas/${name}` });
  return { model, schemas: registry.schemas };
}

/** The ajv instance both the generator and `compileContract` use, so they validate alike. */
export function contractAjv(spec: OpenApiDocument, options: { source?: boolean } = {}): Ajv {
  const ajv = new Ajv({
    // An OpenAPI document is not a JSON Schema: its other keywords (example, description...) are ignored.
    strict: false,
    allErrors: true,
    validateSchema: false,
    // multipleOf: 0.01 on decimals: 199.99 / 0.01 is 19998.999999999996 in floating point. API Gateway's
    // validator computes with decimals; this precision makes ajv agree.
    multipleOfPrecision: 9,
    ...(options.source ? { code: { source: true, esm: true, lines: false } } : {}),
  });
  addFormats(ajv);
  ajv.addSchema({ components: { schemas: spec.components?.schemas ?? {} } }, 'spec');
  return ajv;
}

/** Points a schema's local refs (`#/components/...`) into the registered `spec` document. */
export function rebaseRefs(schema: unknown): AnySchema {
  return JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\//g, '"$ref":"spec#/')) as AnySchema;
}

/**
 * The model and validators of a spec, compiled now with ajv. Tooling and tests only (the shipped code
 * uses the precompiled validators under packages/core/src/generated).
 * @example const contract = compileContract(loadSpec('test/fixtures/generic.yaml'));
 */
export function compileContract(spec: OpenApiDocument): Contract {
  const { model, schemas } = buildModel(spec);
  const ajv = contractAjv(spec);
  const validators: Record<string, Validator> = {};
  for (const [key, schema] of schemas) validators[key] = ajv.compile(rebaseRefs(schema)) as ValidateFunction as Validator;
  return { model, validators };
}

export { HTTP_METHODS, AUTHORIZER_SCHEME };

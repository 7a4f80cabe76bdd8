// What `redocly lint` cannot know: the rules API Gateway's REST importer and this project's
// security model put on openapi.yaml. `checkSpec` returns every problem; the test asserts none.
import {
  AUTHORIZER_SCHEME,
  PLACEHOLDERS,
  findPlaceholders,
  isObject,
  listOperations,
  resourceServerOf,
  type OpenApiDocument,
} from './spec.ts';

export type Problem = { rule: string; at: string; message: string };

/** Schema keywords API Gateway's importer rejects or ignores (aws-facts.md §2). */
const UNSAFE_KEYWORDS = ['discriminator', 'exclusiveMinimum', 'exclusiveMaximum', 'readOnly', 'writeOnly', 'default', 'deprecated', 'oneOf', 'example', 'examples', 'nullable'] as const;
const NUMBER_FORMATS_UNSUPPORTED = ['int32', 'int64', 'decimal'];

/**
 * Checks the project's rules on a parsed spec.
 * @example expect(checkSpec(loadSpec())).toEqual([]);
 */
export function checkSpec(spec: OpenApiDocument): Problem[] {
  const problems: Problem[] = [];
  const add = (rule: string, at: string, message: string) => problems.push({ rule, at, message });

  if (!/^3\.0\.\d+$/.test(spec.openapi)) {
    add('openapi-3.0', '$.openapi', `API Gateway REST import takes OpenAPI 3.0.x only; found "${spec.openapi}".`);
  }
  if ('security' in spec) {
    add('no-root-security', '$.security', 'API Gateway ignores root-level security: put it on every operation instead.');
  }

  let declared: string[] = [];
  try {
    const server = resourceServerOf(spec);
    declared = Object.keys(server.scopes).map((s) => `${server.identifier}/${s}`);
    for (const [name, description] of Object.entries(server.scopes)) {
      if (!/^[\w-]+$/.test(name)) add('scope-name', `x-oauth2-resource-server.scopes.${name}`, `Scope name "${name}" must be letters, digits, "_" or "-".`);
      if (!description.trim()) add('scope-description', `x-oauth2-resource-server.scopes.${name}`, `Scope "${name}" needs a description (Cognito and the docs show it).`);
    }
  } catch (err) {
    add('resource-server', `$.components.securitySchemes.${AUTHORIZER_SCHEME}`, (err as Error).message);
  }

  const scheme = spec.components?.securitySchemes?.[AUTHORIZER_SCHEME];
  if (!isObject(scheme) || scheme.type !== 'apiKey' || scheme.in !== 'header' || scheme.name !== 'Authorization'
    || scheme['x-amazon-apigateway-authtype'] !== 'cognito_user_pools'
    || !isObject(scheme['x-amazon-apigateway-authorizer'])
    || scheme['x-amazon-apigateway-authorizer'].type !== 'cognito_user_pools'
    || !Array.isArray(scheme['x-amazon-apigateway-authorizer'].providerARNs)) {
    add('authorizer-scheme', `$.components.securitySchemes.${AUTHORIZER_SCHEME}`, 'Must be the apiKey (Authorization header) form with x-amazon-apigateway-authtype and x-amazon-apigateway-authorizer of type cognito_user_pools and providerARNs.');
  }

  const used = new Set<string>();
  for (const op of listOperations(spec)) {
    const at = `$.paths["${op.path}"].${op.method}`;
    if (typeof op.raw.operationId !== 'string') add('operation-id', at, 'Every operation needs an operationId.');
    if (!Array.isArray(op.raw.security) || op.raw.security.length === 0) {
      add('operation-security', at, `${op.operationId} has no operation-level security; API Gateway would leave it open.`);
    } else {
      if (op.schemes.some((s) => s !== AUTHORIZER_SCHEME)) add('operation-security', at, `${op.operationId} uses a scheme other than ${AUTHORIZER_SCHEME}.`);
      if (op.scopes.length === 0) add('operation-scopes', at, `${op.operationId} names no scope: any access token of the pool would pass... or none, since scope-less methods need ID tokens.`);
    }
    for (const scope of op.scopes) {
      used.add(scope);
      if (!declared.includes(scope)) add('scope-declared', at, `${op.operationId} uses scope "${scope}" that x-oauth2-resource-server does not declare.`);
    }
    const integration = op.raw['x-amazon-apigateway-integration'];
    if (!isObject(integration) || integration.type !== 'aws_proxy' || integration.httpMethod !== 'POST' || typeof integration.uri !== 'string') {
      add('operation-integration', at, `${op.operationId} needs an x-amazon-apigateway-integration of type aws_proxy, httpMethod POST, with a uri.`);
    }
    const responses = isObject(op.raw.responses) ? op.raw.responses : {};
    for (const status of ['401', '403']) {
      if (!(status in responses)) add('operation-responses', at, `${op.operationId} must document the ${status} the gateway returns.`);
    }
  }
  for (const scope of declared) {
    if (!used.has(scope)) add('scope-used', '$.components.securitySchemes', `Scope "${scope}" is declared but no operation uses it.`);
  }

  // Importer-safe schemas: walk every schema object (components and inline).
  const schemas = isObject(spec.components?.schemas) ? spec.components.schemas : {};
  for (const name of Object.keys(schemas)) {
    if (!/^[A-Za-z0-9]+$/.test(name)) add('model-name', `$.components.schemas.${name}`, `Model name "${name}" must be alphanumeric for API Gateway.`);
  }
  walkSchemas(spec, (schema, at) => {
    for (const keyword of UNSAFE_KEYWORDS) {
      if (keyword in schema) add('importer-keyword', at, `"${keyword}" is not supported by API Gateway's importer; remove it (say it in the description instead).`);
    }
    if (schema.type === 'number' && typeof schema.format === 'string' && NUMBER_FORMATS_UNSUPPORTED.includes(schema.format)) {
      add('importer-keyword', at, `type number with format "${schema.format}" is not supported; use type integer or drop the format.`);
    }
  });
  for (const op of listOperations(spec)) {
    const responses = isObject(op.raw.responses) ? op.raw.responses : {};
    for (const [status, response] of Object.entries(responses)) {
      const schema = responseSchema(spec, response);
      if (schema && resolve(spec, schema).type !== 'object') {
        add('response-object', `$.paths["${op.path}"].${op.method}.responses.${status}`, 'API Gateway needs response schemas to be objects.');
      }
    }
  }

  for (const { name, at } of findPlaceholders(spec)) {
    if (!(name in PLACEHOLDERS)) {
      add('placeholder', at, `Unknown placeholder "\${${name}}"; known: ${Object.keys(PLACEHOLDERS).map((p) => `\${${p}}`).join(', ')}.`);
    }
  }
  return problems;
}

function resolve(spec: OpenApiDocument, value: unknown): Record<string, unknown> {
  let current = value;
  for (let i = 0; i < 20 && isObject(current) && typeof current.$ref === 'string'; i++) {
    const parts = current.$ref.replace(/^#\//, '').split('/');
    current = parts.reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), spec);
  }
  return isObject(current) ? current : {};
}

function responseSchema(spec: OpenApiDocument, response: unknown): unknown {
  const content = resolve(spec, response).content;
  if (!isObject(content)) return undefined;
  const media = content['application/json'];
  return isObject(media) ? media.schema : undefined;
}

/** Calls `visit` for every schema object: components.schemas, parameters, headers, bodies, responses. */
function walkSchemas(spec: OpenApiDocument, visit: (schema: Record<string, unknown>, at: string) => void) {
  const seen = new Set<unknown>();
  const walk = (schema: unknown, at: string) => {
    if (!isObject(schema) || seen.has(schema)) return;
    seen.add(schema);
    if (typeof schema.$ref === 'string') return;
    visit(schema, at);
    if (isObject(schema.properties)) for (const [k, v] of Object.entries(schema.properties)) walk(v, `${at}.properties.${k}`);
    if (schema.items) walk(schema.items, `${at}.items`);
    if (isObject(schema.additionalProperties)) walk(schema.additionalProperties, `${at}.additionalProperties`);
    for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
      const list = schema[key];
      if (Array.isArray(list)) list.forEach((s, i) => walk(s, `${at}.${key}[${i}]`));
    }
  };
  const findSchemas = (node: unknown, at: string) => {
    if (Array.isArray(node)) return node.forEach((n, i) => findSchemas(n, `${at}[${i}]`));
    if (!isObject(node)) return;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'schema') walk(v, `${at}.schema`);
      else findSchemas(v, `${at}.${k}`);
    }
  };
  const schemas = spec.components?.schemas;
  if (isObject(schemas)) for (const [k, v] of Object.entries(schemas)) walk(v, `$.components.schemas.${k}`);
  findSchemas(spec.paths, '$.paths');
  findSchemas(spec.components?.parameters, '$.components.parameters');
  findSchemas(spec.components?.headers, '$.components.headers');
  findSchemas(spec.components?.responses, '$.components.responses');
  findSchemas(spec.components?.requestBodies, '$.components.requestBodies');
}

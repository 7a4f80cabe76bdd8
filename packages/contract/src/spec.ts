import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** Where the workspace's contract lives. */
export const SPEC_PATH = fileURLToPath(new URL('../../../openapi.yaml', import.meta.url));

/** The HTTP methods an OpenAPI path item can hold, in the order they are listed. */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** An OpenAPI document, loosely typed: the rules and readers below check what they use. */
export type OpenApiDocument = {
  openapi: string;
  info: Record<string, unknown>;
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
};

export type Operation = {
  operationId: string;
  method: HttpMethod;
  /** The path template, as in openapi.yaml (`/products/{id}`). */
  path: string;
  /** The scopes of the operation's Cognito security requirement (any one authorizes). */
  scopes: string[];
  /** The security scheme names the operation's requirements use. */
  schemes: string[];
  /** The raw operation object. */
  raw: Record<string, unknown>;
};

export type ResourceServer = {
  identifier: string;
  name: string;
  tokenUrl: string;
  /** Scope name (without the identifier) → description. */
  scopes: Record<string, string>;
};

/** The security scheme name that carries the Cognito authorizer. */
export const AUTHORIZER_SCHEME = 'CognitoAuthorizer';

/**
 * The placeholders openapi.yaml may use, with the value each stands for. The CDK app and the
 * local stack must substitute every one of them; a test fails on any other `${...}`.
 */
export const PLACEHOLDERS = {
  'AWS::Region': 'the region of the stack',
  'AWS::Partition': 'the partition of the stack (aws, aws-cn, aws-us-gov)',
  UserPoolArn: 'the ARN of the Cognito user pool whose access tokens the authorizer accepts',
  ProductsFunctionArn: 'the ARN of the products Lambda function behind the proxy integrations',
} as const;
export type PlaceholderName = keyof typeof PLACEHOLDERS;

const PLACEHOLDER_RE = /\$\{([^}]*)\}/g;

export class SpecError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = this.constructor.name;
    this.code = code;
  }
}

/**
 * Reads and parses an OpenAPI YAML (or JSON) file.
 * @example const spec = loadSpec(); // the workspace's openapi.yaml
 */
export function loadSpec(path: string = SPEC_PATH): OpenApiDocument {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new SpecError('spec_unreadable', `Cannot read the OpenAPI file "${path}".`, { cause });
  }
  return parseSpec(text, path);
}

/**
 * Parses OpenAPI YAML text, checking the little every reader relies on.
 * @example const spec = parseSpec(readFileSync('openapi.yaml', 'utf8'));
 */
export function parseSpec(text: string, source = 'openapi.yaml'): OpenApiDocument {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (cause) {
    throw new SpecError('spec_invalid_yaml', `"${source}" is not valid YAML: ${(cause as Error).message}`, { cause });
  }
  if (!isObject(doc) || typeof doc.openapi !== 'string' || !isObject(doc.paths)) {
    throw new SpecError('spec_not_openapi', `"${source}" is not an OpenAPI document (no "openapi" or "paths").`);
  }
  return doc as OpenApiDocument;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every operation of the spec, in file order, with its scopes.
 * @example for (const op of listOperations(spec)) console.log(op.method, op.path, op.scopes);
 */
export function listOperations(spec: OpenApiDocument): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const raw = item[method];
      if (!isObject(raw)) continue;
      const security = Array.isArray(raw.security) ? raw.security : [];
      const schemes: string[] = [];
      const scopes: string[] = [];
      for (const requirement of security) {
        if (!isObject(requirement)) continue;
        for (const [scheme, list] of Object.entries(requirement)) {
          schemes.push(scheme);
          if (Array.isArray(list)) for (const s of list) if (typeof s === 'string') scopes.push(s);
        }
      }
      out.push({
        operationId: typeof raw.operationId === 'string' ? raw.operationId : `${method} ${path}`,
        method,
        path,
        scopes,
        schemes,
        raw,
      });
    }
  }
  return out;
}

/**
 * The OAuth2 resource server declared once in the spec (`x-oauth2-resource-server` on the
 * Cognito security scheme): identifier, name, token URL template and scopes with descriptions.
 * @example resourceServerOf(spec).identifier // 'product-api'
 */
export function resourceServerOf(spec: OpenApiDocument): ResourceServer {
  const scheme = spec.components?.securitySchemes?.[AUTHORIZER_SCHEME];
  const server = isObject(scheme) ? scheme['x-oauth2-resource-server'] : undefined;
  if (!isObject(server) || typeof server.identifier !== 'string' || !isObject(server.scopes)) {
    throw new SpecError(
      'spec_no_resource_server',
      `components.securitySchemes.${AUTHORIZER_SCHEME}["x-oauth2-resource-server"] must declare an identifier and scopes.`,
    );
  }
  const scopes: Record<string, string> = {};
  for (const [name, description] of Object.entries(server.scopes)) scopes[name] = String(description);
  return {
    identifier: server.identifier,
    name: typeof server.name === 'string' ? server.name : server.identifier,
    tokenUrl: typeof server.tokenUrl === 'string' ? server.tokenUrl : '',
    scopes,
  };
}

/** Every `${Name}` placeholder in the spec, with the JSON path where it stands. */
export function findPlaceholders(value: unknown, at = '$'): { name: string; at: string }[] {
  if (typeof value === 'string') {
    return [...value.matchAll(PLACEHOLDER_RE)].map((m) => ({ name: m[1] ?? '', at }));
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => findPlaceholders(v, `${at}[${i}]`));
  if (isObject(value)) return Object.entries(value).flatMap(([k, v]) => findPlaceholders(v, `${at}.${k}`));
  return [];
}

/**
 * Replaces every `${Name}` in string values with `values[Name]`, returning a new document.
 * Values may be any string (CDK tokens included). Throws on a placeholder with no value.
 * @example substitutePlaceholders(spec, { 'AWS::Region': 'us-east-1', UserPoolArn: arn, ProductsFunctionArn: fnArn })
 */
export function substitutePlaceholders<T>(value: T, values: Partial<Record<string, string>>): T {
  const walk = (v: unknown, at: string): unknown => {
    if (typeof v === 'string') {
      return v.replace(PLACEHOLDER_RE, (_, name: string) => {
        const replacement = values[name];
        if (replacement === undefined) {
          throw new SpecError(
            'spec_unknown_placeholder',
            `No value for placeholder "\${${name}}" at ${at}; known placeholders: ${Object.keys(PLACEHOLDERS).join(', ')}.`,
          );
        }
        return replacement;
      });
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${at}[${i}]`));
    if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, `${at}.${k}`)]));
    return v;
  };
  return walk(value, '$') as T;
}

// Checks a handler result against openapi.yaml itself (read through @org/products-contract, not the
// service's generated copy): the status is documented for the operation, the body matches that response's
// schema and every documented header is present and valid. Used on every response the tests get.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { loadSpec } from '@org/products-contract';

type FormatsPlugin = (ajv: Ajv) => Ajv;
const addFormats: FormatsPlugin =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin);

type Json = Record<string, unknown>;
const spec = loadSpec() as unknown as Json;
const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
addFormats(ajv);
ajv.addSchema(spec, 'contract.json');

const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const escape = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1');

function at(pointer: string): unknown {
  let node: unknown = spec;
  for (const raw of pointer.split('/').slice(1)) {
    node = isJson(node) ? node[raw.replaceAll('~1', '/').replaceAll('~0', '~')] : undefined;
  }
  return node;
}

function deref(pointer: string): { node: Json; pointer: string } {
  let current = pointer;
  for (;;) {
    const node = at(current);
    if (!isJson(node)) throw new Error(`openapi.yaml has nothing at #${current}`);
    if (typeof node.$ref !== 'string') return { node, pointer: current };
    current = node.$ref.slice(1);
  }
}

const compiled = new Map<string, ValidateFunction>();
function validator(pointer: string): ValidateFunction {
  let v = compiled.get(pointer);
  if (!v) {
    v = ajv.getSchema(`contract.json#${pointer.split('/').map(encodeURIComponent).join('/')}`);
    if (!v) throw new Error(`no schema at #${pointer}`);
    compiled.set(pointer, v);
  }
  return v;
}

function operationPointer(operationId: string): string {
  for (const [path, item] of Object.entries(spec.paths as Json)) {
    if (!isJson(item)) continue;
    for (const [method, op] of Object.entries(item)) {
      if (isJson(op) && op.operationId === operationId) return `/paths/${escape(path)}/${method}`;
    }
  }
  throw new Error(`openapi.yaml has no operation "${operationId}"`);
}

/** Which documented response to check against: an operation's, or a shared one (e.g. `Forbidden` for unknown routes). */
export type Target = { operationId: string } | { response: string; status: number };

/** Every way the result breaks the contract; empty when it conforms. */
export function contractProblems(target: Target, result: APIGatewayProxyResult): string[] {
  const problems: string[] = [];
  let responsePointer: string;
  if ('operationId' in target) {
    const candidate = `${operationPointer(target.operationId)}/responses/${result.statusCode}`;
    if (at(candidate) === undefined) return [`status ${result.statusCode} is not documented for ${target.operationId}`];
    responsePointer = deref(candidate).pointer;
  } else {
    if (result.statusCode !== target.status) return [`status ${result.statusCode}, expected ${target.status} (${target.response})`];
    responsePointer = deref(`/components/responses/${target.response}`).pointer;
  }
  const response = at(responsePointer) as Json;
  const headers = new Map(Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
  for (const name of Object.keys(isJson(response.headers) ? response.headers : {})) {
    const value = headers.get(name.toLowerCase());
    if (value === undefined) {
      problems.push(`header ${name} is documented but missing`);
      continue;
    }
    const headerPointer = deref(`${responsePointer}/headers/${escape(name)}`).pointer;
    const validate = validator(`${headerPointer}/schema`);
    if (!validate(value)) problems.push(`header ${name}: ${ajv.errorsText(validate.errors)}`);
  }
  const content = isJson(response.content) ? response.content : undefined;
  if (!content) {
    if (result.body !== undefined && result.body !== '') problems.push(`status ${result.statusCode} documents no body, got ${JSON.stringify(result.body.slice(0, 80))}`);
    return problems;
  }
  const contentType = headers.get('content-type')?.split(';')[0]?.trim();
  if (!contentType || !(contentType in content)) {
    problems.push(`Content-Type ${JSON.stringify(contentType)} is not documented (${Object.keys(content).join(', ')})`);
    return problems;
  }
  let body: unknown;
  try {
    body = JSON.parse(result.body);
  } catch {
    problems.push(`body is not JSON: ${JSON.stringify(result.body.slice(0, 80))}`);
    return problems;
  }
  const validate = validator(`${responsePointer}/content/${escape(contentType)}/schema`);
  if (!validate(body)) problems.push(`body: ${ajv.errorsText(validate.errors, { dataVar: 'body' })}`);
  return problems;
}

/**
 * Throws unless the result is a documented response of the operation (status, body schema, headers).
 * @example expectDocumented('getProduct', await handler(event, context));
 */
export function expectDocumented(target: string | Target, result: APIGatewayProxyResult): APIGatewayProxyResult {
  const problems = contractProblems(typeof target === 'string' ? { operationId: target } : target, result);
  if (problems.length > 0) {
    throw new Error(`Response breaks openapi.yaml (${JSON.stringify(target)}): ${problems.join('; ')}\n${JSON.stringify(result)}`);
  }
  return result;
}

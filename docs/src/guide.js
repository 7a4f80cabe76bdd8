// @ts-check
// Renders the guide (overview, authentication, errors) that the public spec carries in
// `info.description`, where Redoc shows it above the operations. The prose lives in
// ../content/*.md; every table and value that the contract knows (scopes, token URL, statuses,
// error codes, gateway bodies) is filled in here from the spec, so the guide cannot drift from it.

import { DocsBuildError, isObject, listOperationEntries, resolveRef, resourceServersOf } from './public-spec.js';

/** @typedef {import('./public-spec.js').Json} Json */
/** @typedef {(args: string[]) => string} Helper */

/**
 * The guide's markdown sources, in the order they are joined. With `complete`, the sources are the
 * whole guide, and every gateway response of openapi.yaml must be named by one of its helpers.
 * @typedef {{ sections: string[], errorHints: Record<string, string>, complete?: boolean }} GuideSources
 */

/** Escapes a value for a markdown table cell. */
const cell = (/** @type {string} */ s) => s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ').trim();
/** Renders a markdown table. */
const table = (/** @type {string[]} */ head, /** @type {string[][]} */ rows) =>
  [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');

/**
 * The statuses under which operations use each `components.responses` entry.
 * @param {Json} root
 * @returns {Map<string, { statuses: Set<string> }>}
 */
function responseUsage(root) {
  /** @type {Map<string, { statuses: Set<string> }>} */
  const usage = new Map();
  for (const { operation } of listOperationEntries(root)) {
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      const ref = isObject(response) && typeof response.$ref === 'string' ? response.$ref : '';
      const match = /^#\/components\/responses\/(.+)$/.exec(ref);
      if (!match?.[1]) continue;
      const entry = usage.get(match[1]) ?? { statuses: new Set() };
      entry.statuses.add(status);
      usage.set(match[1], entry);
    }
  }
  return usage;
}

/** The gateway responses of openapi.yaml (`x-amazon-apigateway-gateway-responses`), by type. */
const gatewayResponsesOf = (/** @type {Json} */ root) =>
  /** @type {Record<string, Json>} */ (isObject(root['x-amazon-apigateway-gateway-responses']) ? root['x-amazon-apigateway-gateway-responses'] : {});

/**
 * The `code` a gateway response's JSON template writes (`"code":"throttled"`), if any.
 * @example gatewayCodeOf(root['x-amazon-apigateway-gateway-responses'].THROTTLED) // 'throttled'
 * @param {Json} response
 * @returns {string | undefined}
 */
export function gatewayCodeOf(response) {
  const template = response?.responseTemplates?.['application/json'];
  return typeof template === 'string' ? /"code"\s*:\s*"([^"$]+)"/.exec(template)?.[1] : undefined;
}

/**
 * The status a caller sees for a gateway response: its `statusCode`, or for DEFAULT_4XX/DEFAULT_5XX
 * (which keep the status of the answer they customize) "other 4xx"/"other 5xx".
 * @param {string} type
 * @param {Json} response
 */
const gatewayStatusOf = (type, response) =>
  response.statusCode !== undefined ? String(response.statusCode) : type === 'DEFAULT_4XX' ? 'other 4xx' : type === 'DEFAULT_5XX' ? 'other 5xx' : '';

/**
 * The request id the guide's example bodies show: the one of the spec's error examples.
 * @param {Json} root
 */
function exampleRequestId(root) {
  const responses = isObject(root.components?.responses) ? Object.values(root.components.responses) : [];
  const id = responses.map((r) => resolveRef(root, r)?.content?.['application/json']?.example?.requestId).find((v) => typeof v === 'string');
  if (typeof id !== 'string') throw new DocsBuildError('docs_no_request_id_example', 'No error response example in openapi.yaml has a requestId; the guide shows one in every gateway body.');
  return id;
}

/**
 * The `code` enum of the `Error` schema: every code the service can answer with.
 * @example errorCodesOf(root) // ['validation_error', ...]
 * @param {Json} root
 * @returns {string[]}
 */
export function errorCodesOf(root) {
  const schema = resolveRef(root, root.components?.schemas?.Error);
  const codes = resolveRef(root, schema?.properties?.code)?.enum;
  if (!Array.isArray(codes) || codes.length === 0) {
    throw new DocsBuildError('docs_no_error_codes', 'components.schemas.Error.properties.code.enum is missing or empty in openapi.yaml; the error catalogue is built from it.');
  }
  return codes.map(String);
}

/**
 * The error catalogue rows: each code of the `Error` enum with the statuses under which operations
 * use the responses that document it (their example's `code`, or the code quoted in their
 * description), and the statuses of the gateway responses whose template writes it.
 * @example errorCatalogue(root, hints)[0] // { code: 'validation_error', statuses: ['400'], hint, message }
 * @param {Json} root
 * @param {Record<string, string>} hints code → what it means and what to do (docs/content/error-codes.yaml)
 */
export function errorCatalogue(root, hints) {
  const codes = errorCodesOf(root);
  const unknown = Object.keys(hints).filter((c) => !codes.includes(c));
  if (unknown.length > 0) {
    throw new DocsBuildError('docs_stale_error_hint', `docs/content/error-codes.yaml explains codes the Error schema does not have: ${unknown.join(', ')}; remove them.`);
  }
  const usage = responseUsage(root);
  const responses = isObject(root.components?.responses) ? root.components.responses : {};
  return codes.map((code) => {
    const hint = hints[code];
    if (hint === undefined) {
      throw new DocsBuildError('docs_missing_error_hint', `Error code "${code}" has no explanation in docs/content/error-codes.yaml; add one.`);
    }
    /** @type {Set<string>} */
    const statuses = new Set();
    /** @type {string | undefined} */
    let message;
    for (const [name, raw] of Object.entries(responses)) {
      const response = resolveRef(root, raw);
      const example = response?.content?.['application/json']?.example;
      const byExample = isObject(example) && example.code === code;
      const byDescription = typeof response?.description === 'string' && response.description.includes(`\`${code}\``);
      if (!byExample && !byDescription) continue;
      if (byExample && typeof example.message === 'string') message = example.message;
      for (const s of usage.get(name)?.statuses ?? []) statuses.add(s);
    }
    const fromGateway = Object.entries(gatewayResponsesOf(root))
      .filter(([, response]) => gatewayCodeOf(response) === code)
      .map(([type, response]) => gatewayStatusOf(type, response))
      .filter((status) => status !== '');
    if (statuses.size === 0) {
      throw new DocsBuildError(
        'docs_undocumented_error_code',
        `Error code "${code}" is in the Error enum but no response used by an operation documents it (as its example's code or in its description); document it in openapi.yaml.`,
      );
    }
    // Numbers first, then "other 4xx"/"other 5xx".
    const all = [...new Set([...statuses, ...fromGateway])].sort((a, b) => (/^\d/.test(a) === /^\d/.test(b) ? a.localeCompare(b) : /^\d/.test(a) ? -1 : 1));
    return { code, statuses: all, hint, message };
  });
}

/**
 * Renders the guide: the sections joined, each `{{helper args}}` replaced from the spec. An unknown
 * helper, an unknown scope or gateway response fails the build instead of printing a wrong page.
 * @example renderGuide(root, { sections: ['Token URL: {{tokenUrl}}'], errorHints })
 * @param {Json} root the spec as openapi.yaml has it (before the public-spec decorators)
 * @param {GuideSources} sources
 * @returns {string} markdown for `info.description`
 */
export function renderGuide(root, sources) {
  const [server, ...others] = resourceServersOf(root);
  if (!server || others.length > 0) {
    throw new DocsBuildError('docs_resource_server_count', `Expected exactly one security scheme with x-oauth2-resource-server, found ${others.length + (server ? 1 : 0)}.`);
  }
  const operations = listOperationEntries(root);
  /** @type {(op: Json) => string[]} */
  const scopesOf = (op) =>
    (op.security ?? []).flatMap((/** @type {Json} */ r) => (isObject(r) ? Object.values(r).flat().map(String) : []));
  const gatewayResponses = gatewayResponsesOf(root);
  /** The gateway response types the guide has named, for the `complete` check. */
  const named = new Set();
  const gateway = (/** @type {string | undefined} */ type) => {
    const response = type ? gatewayResponses[type] : undefined;
    if (type) named.add(type);
    if (!isObject(response)) {
      throw new DocsBuildError(
        'docs_unknown_gateway_response',
        `The guide names gateway response "${type}", which openapi.yaml's x-amazon-apigateway-gateway-responses does not define (defined: ${Object.keys(gatewayResponses).join(', ')}).`,
      );
    }
    return response;
  };
  const local = (root.servers ?? []).find((/** @type {Json} */ s) => /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(String(s?.url)));
  if (!local) throw new DocsBuildError('docs_no_local_server', 'openapi.yaml lists no server on 127.0.0.1; the guide shows how to call the local stack.');
  const throttling = (/** @type {'rateLimit' | 'burstLimit'} */ key) => {
    const value = isObject(root['x-products-throttling']) ? root['x-products-throttling'][key] : undefined;
    if (typeof value !== 'number') throw new DocsBuildError('docs_no_throttling', `openapi.yaml has no numeric x-products-throttling.${key}; the guide quotes the stage's throttling limits from it.`);
    return String(value);
  };
  const operationOf = (/** @type {string | undefined} */ operationId) => {
    const entry = operations.find((e) => e.operation.operationId === operationId);
    if (!entry) {
      throw new DocsBuildError('docs_unknown_operation', `The guide names operation "${operationId}", which openapi.yaml does not define (known: ${operations.map((e) => e.operation.operationId).join(', ')}).`);
    }
    return entry;
  };

  /** @type {Record<string, Helper>} */
  const helpers = {
    title: () => String(root.info?.title ?? ''),
    identifier: () => server.identifier,
    tokenUrl: () => server.tokenUrl,
    localApiUrl: () => String(local.url),
    // The local stack serves its token endpoint at the root of the API's origin, as Cognito does.
    localTokenUrl: () => `${new URL(String(local.url)).origin}/oauth2/token`,
    scope: ([name]) => {
      const full = `${server.identifier}/${name}`;
      if (!(full in server.scopes)) {
        const declared = Object.keys(server.scopes).map((s) => s.slice(server.identifier.length + 1));
        throw new DocsBuildError('docs_unknown_scope', `The guide names scope "${name}", which ${server.identifier} does not declare; use one of: ${declared.join(', ')}.`);
      }
      return full;
    },
    allScopes: () => Object.keys(server.scopes).join(' '),
    servers: () =>
      table(
        ['base URL', 'what it is'],
        (root.servers ?? []).map((/** @type {Json} */ s) => [`\`${s.url}\``, String(s.description ?? '')]),
      ),
    operationScopes: () =>
      table(
        ['operation', 'request', 'scope (any one authorizes)'],
        operations.map(({ path, method, operation }) => [
          `${operation.summary ?? ''} (\`${operation.operationId}\`)`,
          `\`${method.toUpperCase()} ${path}\``,
          scopesOf(operation).map((s) => `\`${s}\``).join(' or '),
        ]),
      ),
    scopeCatalogue: () =>
      table(
        ['scope', 'allows', 'operations'],
        Object.entries(server.scopes).map(([scope, description]) => [
          `\`${scope}\``,
          description,
          operations.filter((e) => scopesOf(e.operation).includes(scope)).map((e) => `\`${e.operation.operationId}\``).join(', '),
        ]),
      ),
    path: ([operationId]) => operationOf(operationId).path,
    request: ([operationId]) => {
      const { method, path } = operationOf(operationId);
      return `${method.toUpperCase()} ${path}`;
    },
    // One line of JSON, as a caller sees the body: the example of the response that documents the code.
    errorExample: ([code]) => {
      const responses = isObject(root.components?.responses) ? Object.values(root.components.responses) : [];
      const example = responses.map((r) => resolveRef(root, r)?.content?.['application/json']?.example).find((e) => isObject(e) && e.code === code);
      if (!example) throw new DocsBuildError('docs_no_error_example', `The guide asks for an example of error code "${code}", but no response in openapi.yaml has an example with that code.`);
      return JSON.stringify(example);
    },
    gatewayStatus: ([type]) => gatewayStatusOf(String(type), gateway(type)),
    gatewayCode: ([type]) => {
      const code = gatewayCodeOf(gateway(type));
      if (!code) {
        throw new DocsBuildError('docs_gateway_response_without_code', `Gateway response ${type} in openapi.yaml writes no "code" in its application/json template; every error a caller gets must carry one (see the Error schema).`);
      }
      return code;
    },
    requestIdExample: () => exampleRequestId(root),
    // Stage throttling, as the CDK app sets it on the stage and the local stack applies it.
    throttleRate: () => throttling('rateLimit'),
    throttleBurst: () => throttling('burstLimit'),
    // The body as API Gateway renders the template: `$context.error.messageString` is the message
    // JSON-quoted, `validationErrorString` is JSON-escaped inside the template's own quotes, and
    // `$context.requestId` is shown as the spec's example id.
    gatewayBody: ([type, message = '', validationErrorString = '']) => {
      const template = gateway(type).responseTemplates?.['application/json'];
      if (typeof template !== 'string') {
        throw new DocsBuildError('docs_no_gateway_template', `Gateway response ${type} has no application/json responseTemplate in openapi.yaml, so the guide cannot show its body; add one or name another type.`);
      }
      const values = /** @type {Record<string, string>} */ ({
        '$context.error.messageString': JSON.stringify(message),
        '$context.error.validationErrorString': JSON.stringify(validationErrorString).slice(1, -1),
        '$context.error.responseType': String(type),
        '$context.error.message': message,
        '$context.requestId': exampleRequestId(root),
      });
      const body = template.replace(/\$context\.(?:error\.(?:messageString|validationErrorString|responseType|message)|requestId)/g, (name) => values[name] ?? name);
      return `\`${body}\``;
    },
    errorCatalogue: () =>
      table(
        ['code', 'status', 'what it means and what to do'],
        errorCatalogue(root, sources.errorHints).map((row) => [
          `\`${row.code}\``,
          row.statuses.join(', '),
          row.message ? `${row.hint} Example: “${row.message}”` : row.hint,
        ]),
      ),
  };

  const render = (/** @type {string} */ text) =>
    // Arguments are bare words, "double-quoted" or 'single-quoted' (for text with double quotes).
    text.replace(/\{\{\s*(\w+)((?:\s+(?:"[^"]*"|'[^']*'|[^\s}]+))*)\s*\}\}/g, (_, name, rawArgs) => {
      const helper = helpers[name];
      if (!helper) throw new DocsBuildError('docs_unknown_helper', `The guide uses {{${name}}}, which is not a helper (known: ${Object.keys(helpers).join(', ')}).`);
      const args = [...String(rawArgs).matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
      return helper(args);
    });
  const markdown = sources.sections.map((s) => render(s).trim()).join('\n\n') + '\n';
  const unnamed = Object.keys(gatewayResponses).filter((type) => !named.has(type));
  if (sources.complete && unnamed.length > 0) {
    throw new DocsBuildError(
      'docs_undocumented_gateway_response',
      `openapi.yaml customizes gateway responses the guide never shows: ${unnamed.join(', ')}; add them to the gateway table in docs/content/errors.md (with {{gatewayStatus TYPE}} and {{gatewayCode TYPE}}).`,
    );
  }
  return markdown;
}

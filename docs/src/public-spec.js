// @ts-check
// The transformations that turn openapi.yaml (what API Gateway imports) into the public spec (what a
// consumer reads). They run as Redocly decorators (see ../redocly-plugin.js), so `redocly bundle`
// is the only thing that writes the public spec. Plain JS because Redocly imports plugins with
// Node's own loader, which does not read TypeScript on Node 20.

/** Keys with this prefix only mean something to API Gateway; the public spec drops them all. */
export const AMAZON_PREFIX = 'x-amazon-apigateway-';
/** Where openapi.yaml declares the Cognito resource server (identifier, token URL, scopes). */
export const RESOURCE_SERVER_KEY = 'x-oauth2-resource-server';
/** The OpenAPI methods, in the order operations are listed. */
export const HTTP_METHODS = /** @type {const} */ (['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** @typedef {Record<string, any>} Json */
/**
 * @typedef {{ schemeName: string, identifier: string, name: string, tokenUrl: string,
 *   scopes: Record<string, string> }} ResourceServer scopes: full scope string → description
 */
/** @typedef {{ path: string, method: string, operation: Json }} OperationEntry */

/**
 * Why the docs build stopped: a stable `code` and a message naming what to fix.
 * @example throw new DocsBuildError('docs_unknown_helper', 'The guide uses {{nope}}, which is not a helper (known: ...).');
 */
export class DocsBuildError extends Error {
  /**
   * @param {string} code stable machine-readable code
   * @param {string} message what is wrong and what to do
   * @param {ErrorOptions} [options] the original error as `cause`
   */
  constructor(code, message, options) {
    super(message, options);
    // Explicit, not `this.constructor.name`: a bundler may rename the class.
    this.name = 'DocsBuildError';
    /** @readonly */
    this.code = code;
  }
}

/**
 * Whether a value is a plain JSON object (not null, not an array).
 * @example isObject(root.paths) // true
 * @param {unknown} value
 * @returns {value is Json}
 */
export function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Deletes every `x-amazon-apigateway-*` key anywhere in the document, in place.
 * @example stripAmazonApiGateway(root) // → ['$.x-amazon-apigateway-gateway-responses', ...]
 * @param {unknown} value
 * @param {string} [at] the JSON path of `value`, for the report
 * @returns {string[]} where keys were removed
 */
export function stripAmazonApiGateway(value, at = '$') {
  /** @type {string[]} */
  const removed = [];
  if (Array.isArray(value)) {
    value.forEach((v, i) => removed.push(...stripAmazonApiGateway(v, `${at}[${i}]`)));
  } else if (isObject(value)) {
    for (const key of Object.keys(value)) {
      if (key.startsWith(AMAZON_PREFIX)) {
        delete value[key];
        removed.push(`${at}.${key}`);
      } else {
        removed.push(...stripAmazonApiGateway(value[key], `${at}.${key}`));
      }
    }
  }
  return removed;
}

/**
 * Follows a local `$ref` (`#/components/...`) until it reaches a value.
 * @example resolveRef(root, { $ref: '#/components/responses/NotFound' }).description
 * @param {Json} root
 * @param {unknown} node
 * @returns {any}
 */
export function resolveRef(root, node) {
  let current = node;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string'; hops++) {
    const ref = current.$ref;
    if (!ref.startsWith('#/') || hops > 20) {
      throw new DocsBuildError('docs_unresolvable_ref', `Cannot follow $ref "${ref}": only local references are expected in openapi.yaml.`);
    }
    /** @type {any} */
    let target = root;
    for (const part of ref.slice(2).split('/')) {
      const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
      target = isObject(target) ? target[key] : undefined;
    }
    if (target === undefined) throw new DocsBuildError('docs_unresolvable_ref', `$ref "${ref}" points at nothing.`);
    current = target;
  }
  return current;
}

/**
 * Every operation of the document, in file order.
 * @example listOperationEntries(root).map((e) => e.operation.operationId)
 * @param {Json} root
 * @returns {OperationEntry[]}
 */
export function listOperationEntries(root) {
  /** @type {OperationEntry[]} */
  const out = [];
  for (const [path, item] of Object.entries(isObject(root.paths) ? root.paths : {})) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      if (isObject(item[method])) out.push({ path, method, operation: item[method] });
    }
  }
  return out;
}

/**
 * The resource servers declared with `x-oauth2-resource-server` on security schemes, with scope
 * names expanded to the strings tokens carry (`<identifier>/<name>`).
 * @example Object.keys(resourceServersOf(root)[0].scopes) // ['<identifier>/<scope name>', ...]
 * @param {Json} root
 * @returns {ResourceServer[]}
 */
export function resourceServersOf(root) {
  const schemes = isObject(root.components?.securitySchemes) ? root.components.securitySchemes : {};
  /** @type {ResourceServer[]} */
  const out = [];
  for (const [schemeName, scheme] of Object.entries(schemes)) {
    const server = isObject(scheme) ? scheme[RESOURCE_SERVER_KEY] : undefined;
    if (server === undefined) continue;
    if (!isObject(server) || typeof server.identifier !== 'string' || typeof server.tokenUrl !== 'string' || !isObject(server.scopes)) {
      throw new DocsBuildError(
        'docs_bad_resource_server',
        `securitySchemes.${schemeName}["${RESOURCE_SERVER_KEY}"] needs a string identifier, a string tokenUrl and a scopes map; fix openapi.yaml.`,
      );
    }
    /** @type {Record<string, string>} */
    const scopes = {};
    for (const [name, description] of Object.entries(server.scopes)) scopes[`${server.identifier}/${name}`] = String(description);
    out.push({
      schemeName,
      identifier: server.identifier,
      name: typeof server.name === 'string' ? server.name : server.identifier,
      tokenUrl: server.tokenUrl,
      scopes,
    });
  }
  return out;
}

/**
 * Presents each Cognito authorizer scheme (an API Gateway `apiKey` scheme with
 * `x-oauth2-resource-server`) as a standard OAuth2 client-credentials scheme: token URL and scope
 * descriptions from the resource server. The scheme keeps its name, so every operation's
 * `security` keeps naming it with the same scope strings; those are checked against the declared
 * scopes and rewritten as fresh arrays. `x-oauth2-resource-server` itself is left for
 * {@link dropResourceServers}, so other decorators can still read it during the same walk.
 * @example toClientCredentials(root); root.components.securitySchemes.CognitoAuthorizer.flows.clientCredentials.tokenUrl
 * @param {Json} root
 * @returns {string[]} the converted scheme names
 */
export function toClientCredentials(root) {
  const servers = resourceServersOf(root);
  const byScheme = new Map(servers.map((s) => [s.schemeName, s]));
  for (const server of servers) {
    const scheme = root.components.securitySchemes[server.schemeName];
    if (scheme.type === 'oauth2') continue;
    for (const key of ['name', 'in', 'scheme', 'bearerFormat', 'openIdConnectUrl']) delete scheme[key];
    scheme.type = 'oauth2';
    scheme.flows = { clientCredentials: { tokenUrl: server.tokenUrl, scopes: { ...server.scopes } } };
  }
  for (const { path, method, operation } of listOperationEntries(root)) {
    if (!Array.isArray(operation.security)) continue;
    operation.security = operation.security.map((/** @type {unknown} */ requirement) => {
      if (!isObject(requirement)) return requirement;
      /** @type {Record<string, string[]>} */
      const rewritten = {};
      for (const [schemeName, scopes] of Object.entries(requirement)) {
        const server = byScheme.get(schemeName);
        const list = Array.isArray(scopes) ? scopes.map(String) : [];
        for (const scope of list) {
          if (server && !(scope in server.scopes)) {
            throw new DocsBuildError(
              'docs_undeclared_scope',
              `${method.toUpperCase()} ${path} requires scope "${scope}", which ${RESOURCE_SERVER_KEY} of ${schemeName} does not declare (declared: ${Object.keys(server.scopes).join(', ')}).`,
            );
          }
        }
        rewritten[schemeName] = [...list];
      }
      return rewritten;
    });
  }
  return servers.map((s) => s.schemeName);
}

/** What OpenAPI allows as a component name. */
const COMPONENT_NAME = /^[a-zA-Z0-9._-]+$/;

/**
 * Renames a security scheme and every requirement that names it (root and operations), in place.
 * Redoc labels a scheme by its name only (it ignores `x-displayName` and `title` there), so the
 * public spec gives the Cognito authorizer a name a reader understands instead of the internal
 * `CognitoAuthorizer`; the scopes and the flows are untouched.
 * @example renameSecurityScheme(root, 'CognitoAuthorizer', 'OAuth2') // → 5 (operations rewritten)
 * @param {Json} root
 * @param {string} from the scheme's name in openapi.yaml
 * @param {string} to the name the public spec shows
 * @returns {number} how many operations' requirements were rewritten
 */
export function renameSecurityScheme(root, from, to) {
  const schemes = isObject(root.components?.securitySchemes) ? root.components.securitySchemes : {};
  if (!COMPONENT_NAME.test(to)) {
    throw new DocsBuildError('docs_bad_scheme_name', `Security scheme name "${to}" is not a valid component name (letters, digits, ".", "_", "-"); change schemeName in redocly.yaml.`);
  }
  if (!(from in schemes)) {
    throw new DocsBuildError('docs_unknown_scheme', `Cannot rename security scheme "${from}": openapi.yaml defines only ${Object.keys(schemes).join(', ') || 'none'}.`);
  }
  if (from === to) return 0;
  if (to in schemes) {
    throw new DocsBuildError('docs_scheme_name_taken', `Cannot rename security scheme "${from}" to "${to}": openapi.yaml already has a scheme "${to}"; choose another schemeName in redocly.yaml.`);
  }
  // Rebuilt in order, so the renamed scheme keeps its place.
  root.components.securitySchemes = Object.fromEntries(Object.entries(schemes).map(([name, scheme]) => [name === from ? to : name, scheme]));
  /** @param {unknown} security */
  const rewrite = (security) =>
    Array.isArray(security)
      ? security.map((requirement) =>
          isObject(requirement) ? Object.fromEntries(Object.entries(requirement).map(([name, scopes]) => [name === from ? to : name, scopes])) : requirement,
        )
      : security;
  if (root.security !== undefined) root.security = rewrite(root.security);
  let rewritten = 0;
  for (const { operation } of listOperationEntries(root)) {
    if (!Array.isArray(operation.security) || !operation.security.some((/** @type {unknown} */ r) => isObject(r) && from in r)) continue;
    operation.security = rewrite(operation.security);
    rewritten++;
  }
  return rewritten;
}

/**
 * Removes `x-oauth2-resource-server` once its content lives in the OAuth2 flows.
 * @example dropResourceServers(root)
 * @param {Json} root
 */
export function dropResourceServers(root) {
  const schemes = isObject(root.components?.securitySchemes) ? root.components.securitySchemes : {};
  for (const scheme of Object.values(schemes)) if (isObject(scheme)) delete scheme[RESOURCE_SERVER_KEY];
}

/**
 * A value for a parameter in a sample: its own example, else the same-named field of a success
 * response example of this operation or of another on the same path (a product's `id`).
 * @param {Json} root
 * @param {Json[]} operations this operation first, then its path's others
 * @param {Json} parameter
 * @returns {string | undefined}
 */
function sampleValue(root, operations, parameter) {
  if (parameter.example !== undefined) return String(parameter.example);
  const schema = resolveRef(root, parameter.schema);
  if (isObject(schema) && schema.example !== undefined) return String(schema.example);
  for (const operation of operations) {
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      if (!status.startsWith('2')) continue;
      const example = resolveRef(root, response)?.content?.['application/json']?.example;
      if (isObject(example) && example[parameter.name] !== undefined) return String(example[parameter.name]);
    }
  }
  return undefined;
}

/** Quotes a string for a POSIX shell. */
const shellQuote = (/** @type {string} */ s) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * A curl request for the operation, built from the spec: method, path, parameters with known
 * values, the request body example and the scope the token needs.
 * @example curlSample(root, listOperationEntries(root)[0])
 * @param {Json} root
 * @param {OperationEntry} entry
 * @returns {string}
 */
export function curlSample(root, { path, method, operation }) {
  const pathItem = root.paths[path];
  const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((p) => resolveRef(root, p));
  const siblings = [operation, ...HTTP_METHODS.map((m) => pathItem[m]).filter((o) => isObject(o) && o !== operation)];
  let url = path;
  const query = [];
  const headers = [];
  for (const parameter of parameters) {
    const value = sampleValue(root, siblings, parameter);
    if (parameter.in === 'path') url = url.replace(`{${parameter.name}}`, value === undefined ? `<${parameter.name}>` : encodeURIComponent(value));
    else if (value !== undefined && parameter.in === 'query') query.push(`${parameter.name}=${encodeURIComponent(value)}`);
    else if (value !== undefined && parameter.in === 'header') headers.push(`${parameter.name}: ${value}`);
  }
  const scopes = (operation.security ?? []).flatMap((/** @type {Json} */ r) => Object.values(r).flat());
  const lines = [];
  if (scopes.length > 0) lines.push(`# token scope: ${scopes.join(' or ')}`);
  lines.push(`curl -X ${method.toUpperCase()} "$API_URL${url}${query.length ? `?${query.join('&')}` : ''}" \\`);
  lines.push(`  -H "Authorization: Bearer $ACCESS_TOKEN"`);
  for (const header of headers) lines[lines.length - 1] += ` \\\n  -H ${shellQuote(header)}`;
  const body = resolveRef(root, operation.requestBody)?.content?.['application/json'];
  if (body) {
    lines[lines.length - 1] += ` \\\n  -H 'Content-Type: application/json'`;
    if (body.example !== undefined) lines[lines.length - 1] += ` \\\n  -d ${shellQuote(JSON.stringify(body.example))}`;
  }
  return lines.join('\n');
}

/**
 * Adds a curl request sample (`x-codeSamples`) to every operation that has none, so each
 * operation shows a request, also those without a body.
 * @example addCodeSamples(root) // → 5
 * @param {Json} root
 * @returns {number} how many operations got a sample
 */
export function addCodeSamples(root) {
  let added = 0;
  for (const entry of listOperationEntries(root)) {
    if (entry.operation['x-codeSamples'] !== undefined) continue;
    entry.operation['x-codeSamples'] = [{ lang: 'Shell', label: 'curl', source: curlSample(root, entry) }];
    added++;
  }
  return added;
}

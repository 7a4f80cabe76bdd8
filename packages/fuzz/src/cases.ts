// Fuzz cases from the generated operation model: valid requests of every operation, malformed variants
// of them, requests no route answers, and token endpoint requests. Routes, parameters, scopes and
// schemas come from the model (and, for the JSON Schemas the generator walks, from the spec the model
// was generated from, looked up by the model's validator keys); nothing is hand-copied.
import { buildModel, loadSpec } from '@org/products-contract';
import type { OperationModel, ParameterModel } from '@org/products-core';
import { contract } from '@org/products-core/contract';
import { isStorableNumber } from '@org/products-service/web';
import fc from 'fast-check';
import { HOSTILE_NAMES, invalidValue, NUMBER_EDGES_TEXT, resolverOf, validValue, type Schema } from './schema.ts';
import { utf8, type Auth, type ForgedToken, type FuzzRequest, type TokenMutation } from './request.ts';

const spec = loadSpec();
const { schemas } = buildModel(spec);
/** Resolves the spec's `$ref`s. */
export const resolve = resolverOf(spec);

/** The operations of the generated model. */
export const operations: readonly OperationModel[] = contract.model.operations;

/**
 * The JSON Schema behind one of the model's validator keys.
 * @example schemaOf('createProduct.body.application/json')
 */
export function schemaOf(key: string): Schema {
  const schema = schemas.get(key);
  if (schema === undefined) throw new Error(`No schema for validator key "${key}": run pnpm generate, or the model and the spec disagree.`);
  return resolve(schema as Schema);
}

const CLIENTS = ['products-admin', 'products-reader'] as const;

/** The default clients whose scopes authorize an operation (from the generated default clients). */
export function clientsFor(op: OperationModel): ('products-admin' | 'products-reader')[] {
  const scopes = op.security?.scopes ?? [];
  return CLIENTS.filter((name) => {
    const c = contract.model.defaultClients.find((d) => d.name === name);
    return c !== undefined && (scopes.length === 0 || scopes.some((s) => c.scopes.includes(s)));
  });
}

function clientsNotFor(op: OperationModel): ('products-admin' | 'products-reader')[] {
  const ok = clientsFor(op);
  return CLIENTS.filter((c) => !ok.includes(c));
}

// Header values must be bytes a client can send (visible ASCII, no edge whitespace HTTP would trim).
const headerSafe = (s: string): boolean => /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/.test(s) || s === '';

/** A valid value of a parameter, as the text sent. */
function parameterText(p: ParameterModel): fc.Arbitrary<string> {
  const schema = schemaOf(p.validator);
  // (Ids that are Object.prototype names come from the schema generator: the id pattern allows them.)
  const value = validValue(schema, resolve);
  const text = value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  if (p.in === 'header') {
    // If-Match: an entity tag most of the time (what clients send), any schema-valid text sometimes.
    // If-Match: entity tags (what the service accepts). The spec allows any 1-64 characters; the
    // difference is a known gap (test/known-gaps.test.ts).
    if (p.name.toLowerCase() === 'if-match') return fc.oneof(fc.integer({ min: 1, max: 5 }).map((n) => `"${n}"`), fc.constant('*'), fc.constant('W/"1"'), fc.constant('"1", "2"'));
    return text.filter(headerSafe);
  }
  return text;
}

function pathOf(op: OperationModel, values: Record<string, string>): string {
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
}

function queryString(pairs: [string, string][]): string {
  return pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
}

type Parts = { path: Record<string, string>; query: [string, string][]; headers: [string, string][] };

/**
 * Parameters whose valid values the schema cannot say: the cursor is the opaque `nextCursor` of a
 * previous page (the spec documents `invalid_cursor` for any other), so valid requests leave it out and
 * the stateful suite sends real ones.
 */
const OPAQUE = new Set(['listProducts.query.cursor']);

function validParts(op: OperationModel): fc.Arbitrary<Parts> {
  const pieces = op.parameters.filter((p) => !OPAQUE.has(p.validator)).map((p) =>
    fc.tuple(fc.constant(p), p.required || p.in === 'path' ? parameterText(p).map((v) => v as string | undefined) : fc.option(parameterText(p), { nil: undefined })),
  );
  return fc.tuple(...pieces).map((list) => {
    const parts: Parts = { path: {}, query: [], headers: [] };
    for (const [p, v] of list) {
      if (v === undefined) continue;
      if (p.in === 'path') parts.path[p.name] = v;
      else if (p.in === 'query') parts.query.push([p.name, v]);
      else parts.headers.push([p.name, v]);
    }
    return parts;
  });
}

const validAuth = (op: OperationModel): fc.Arbitrary<Auth> => {
  const clients = clientsFor(op);
  if (clients.length === 0) return fc.constant<Auth>({ kind: 'none' });
  return fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...clients).map((client): Auth => ({ kind: 'client', client })) },
    // AWS accepts the token without "Bearer" and the scheme in any case.
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...clients), fc.constantFrom<TokenMutation>('lowercase-bearer', 'no-scheme')).map(([client, mutation]): Auth => ({ kind: 'client', client, mutation })) },
  );
};

function storable(value: unknown): boolean {
  if (typeof value === 'number') return isStorableNumber(value);
  if (typeof value === 'object' && value !== null) return Object.values(value).every(storable);
  return true;
}

const jsonMedia = (op: OperationModel): string | undefined => Object.keys(op.body?.media ?? {}).find((m) => m === 'application/json');

/**
 * Valid requests of one operation: parameters and body from its schemas, a token of a client whose
 * scopes authorize it.
 * @example fc.sample(validRequest(operations[0]!), 1)
 */
export function validRequest(op: OperationModel): fc.Arbitrary<FuzzRequest> {
  const media = jsonMedia(op);
  // Numbers DynamoDB cannot store (below 1E-130) are schema-valid and refused 400: a known gap of the
  // contract (test/known-gaps.test.ts), so valid bodies here keep to what the service stores.
  const body = media ? validValue(schemaOf(op.body!.media[media]!), resolve).filter(storable).map((v) => JSON.stringify(v)) : fc.constant(undefined);
  const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'Application/JSON');
  const one = (n: number) => fc.integer({ min: 0, max: n - 1 }).map((i) => i === 0);
  return fc.record({ parts: validParts(op), body, auth: validAuth(op), contentType, slash: one(10), chunked: one(5) }).map(({ parts, body: text, auth, contentType: ct, slash, chunked }) => {
    const headers = [...parts.headers];
    if (text !== undefined) headers.push(['Content-Type', ct]);
    const request: FuzzRequest = {
      label: `${op.operationId} valid`,
      operationId: op.operationId,
      method: op.method,
      path: `${pathOf(op, parts.path)}${slash ? '/' : ''}${queryString(parts.query)}`,
      headers,
      auth,
      valid: true,
    };
    if (text !== undefined) request.body = utf8(text);
    if (text !== undefined && chunked) request.chunked = true;
    return request;
  });
}

// Raw body texts that are no valid request body, with what they try.
const rawBodies: [string, Uint8Array][] = [
  ['invalid JSON', utf8('{"name":')],
  ['JSON with trailing text', utf8('{"name":"a"} x')],
  ['empty body', new Uint8Array()],
  ['JSON null', utf8('null')],
  ['JSON array', utf8('[{"name":"a"}]')],
  ['JSON string', utf8('"name"')],
  ['duplicate keys', utf8('{"name":"a","name":""}')],
  ['__proto__ key', utf8('{"name":"a","__proto__":{"admin":true}}')],
  ['constructor key', utf8('{"name":"a","constructor":{"prototype":{"x":1}}}')],
  ['invalid UTF-8 (Latin-1 é)', Uint8Array.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d])],
  ['invalid UTF-8 (lone continuation)', Uint8Array.from([...utf8('{"name":"'), 0x80, ...utf8('"}')])],
  ['invalid UTF-8 (overlong slash)', Uint8Array.from([...utf8('{"name":"'), 0xc0, 0xaf, ...utf8('"}')])],
  ['invalid UTF-8 (surrogate half)', Uint8Array.from([...utf8('{"name":"'), 0xed, 0xa0, 0x80, ...utf8('"}')])],
  ['UTF-8 BOM', Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('{"name":"a"}')])],
  ['UTF-16LE', Uint8Array.from([...'{"name":"a"}'].flatMap((c) => [c.charCodeAt(0), 0]))],
  ['NUL bytes', utf8('{"name":"a\u0000b"}\u0000')],
  ['lone surrogate escape', utf8('{"name":"\\ud800"}')],
  ['deep nesting', utf8(`{"name":"a","description":${'['.repeat(5000)}${']'.repeat(5000)}}`)],
  ['over the service limit (64 KiB)', utf8(JSON.stringify({ name: 'a', description: 'x'.repeat(70_000) }))],
  ['huge number', utf8('{"name":"a","price":1e999999}')],
];

const numberEdges = fc.constantFrom(...NUMBER_EDGES_TEXT).map((text): [string, Uint8Array] => [`price ${text}`, utf8(`{"name":"a","price":${text}}`)]);

const badContentTypes = ['application/json, application/json', 'application/json; charset=utf-16', 'text/plain', 'application/x-www-form-urlencoded', 'application/jsonx', 'application/json; charset=latin1', 'multipart/form-data; boundary=x', '', '*/*', 'application/*'];

const MUTATIONS: TokenMutation[] = ['append-char', 'append-dot', 'append-segment', 'append-space-junk', 'truncate-signature', 'drop-signature', 'flip-payload', 'swap-payload', 'two-tokens', 'basic-scheme'];
const FORGES: ForgedToken[] = ['alg-none', 'stranger-key', 'expired', 'wrong-issuer', 'id-token', 'no-scope', 'scope-of-other-api', 'hs256-public-key', 'unknown-kid', 'no-exp'];
const RAW_HEADERS = ['Bearer', 'Bearer ', 'Bearer a.b.c', 'Bearer ...', 'Bearer eyJ.eyJ.x', 'Basic YTpi', 'AWS4-HMAC-SHA256 Credential=x', 'Bearer \u00e9.\u00e9.\u00e9', `Bearer ${'a'.repeat(9000)}`];

/** Credentials that must not authorize (401), or that lack the operation's scope (a 401 on AWS too). */
function badAuth(op: OperationModel): fc.Arbitrary<Auth> {
  const options: fc.Arbitrary<Auth>[] = [
    fc.constant<Auth>({ kind: 'none' }),
    fc.tuple(fc.constantFrom(...CLIENTS), fc.constantFrom(...MUTATIONS)).map(([client, mutation]): Auth => ({ kind: 'client', client, mutation })),
    fc.constantFrom(...FORGES).map((forge): Auth => ({ kind: 'forged', forge })),
    fc.constantFrom(...RAW_HEADERS).map((header): Auth => ({ kind: 'raw', header })),
  ];
  const others = clientsNotFor(op);
  if (others.length > 0) options.push(fc.constantFrom(...others).map((client): Auth => ({ kind: 'client', client })));
  return fc.oneof(...options);
}

/**
 * Malformed variants of a valid request of one operation: one thing broken (body, a parameter, the
 * content type, the credential, hostile names added), labelled with what was broken.
 * @example fc.sample(malformedRequest(operations[1]!), 1)
 */
export function malformedRequest(op: OperationModel): fc.Arbitrary<FuzzRequest> {
  const base = validRequest(op).filter((r) => r.auth.kind === 'client' && r.auth.mutation === undefined);
  const media = jsonMedia(op);
  const variants: fc.Arbitrary<FuzzRequest>[] = [];
  const withBody = (r: FuzzRequest, label: string, bytes: Uint8Array): FuzzRequest => ({ ...r, label: `${op.operationId} body: ${label}`, body: bytes, valid: false });

  if (media) {
    const bodySchema = schemaOf(op.body!.media[media]!);
    variants.push(fc.tuple(base, invalidValue(bodySchema, resolve)).map(([r, bad]) => withBody(r, bad.rule, utf8(JSON.stringify(bad.value)))));
    variants.push(fc.tuple(base, fc.constantFrom(...rawBodies)).map(([r, [label, bytes]]) => withBody(r, label, bytes)));
    variants.push(fc.tuple(base, numberEdges).map(([r, [label, bytes]]) => withBody(r, label, bytes)));
    variants.push(
      fc.tuple(base, fc.constantFrom(...badContentTypes)).map(([r, ct]) => ({
        ...r,
        label: `${op.operationId} content-type: ${JSON.stringify(ct)}`,
        headers: [...r.headers.filter(([n]) => n.toLowerCase() !== 'content-type'), ...(ct === '' ? [] : ([['Content-Type', ct]] as [string, string][]))],
        valid: false,
      })),
    );
    variants.push(base.map((r) => ({ ...r, label: `${op.operationId} no body`, body: undefined, valid: false })));
  }

  for (const p of op.parameters) {
    const bad = invalidValue(schemaOf(p.validator), resolve).map((b) => ({ rule: b.rule, text: typeof b.value === 'string' ? b.value : JSON.stringify(b.value) }));
    if (p.in === 'path') {
      const oddPaths = fc.constantFrom('%00', '%ZZ', '%2F', '%2e%2e', '..', 'a%20b', '%F0%9F%98%80', '%C3%A9', 'a'.repeat(65), 'a'.repeat(5000), '%C0%AF', '%ED%A0%80', '%');
      variants.push(
        fc.tuple(base, fc.oneof(bad.filter((b) => b.text !== '').map((b) => [b.rule, encodeURIComponent(b.text)] as const), oddPaths.map((t) => ['raw', t] as const))).map(([r, [rule, text]]) => ({
          ...r,
          label: `${op.operationId} path ${p.name}: ${rule} ${JSON.stringify(text.slice(0, 40))}`,
          path: op.path.replace(`{${p.name}}`, text) + (r.path.includes('?') ? r.path.slice(r.path.indexOf('?')) : ''),
          valid: false,
        })),
      );
    } else if (p.in === 'query') {
      variants.push(
        fc.tuple(base, fc.oneof(bad.map((b) => [b.rule, b.text] as const), fc.constantFrom(['empty', ''] as const, ['spaces', ' 5 '] as const, ['hex', '0x10'] as const, ['exponent', '1e1'] as const, ['plus', '+5'] as const))).map(([r, [rule, text]]) => ({
          ...r,
          label: `${op.operationId} query ${p.name}: ${rule}`,
          path: `${r.path.split('?')[0]}?${encodeURIComponent(p.name)}=${encodeURIComponent(text)}`,
          valid: false,
        })),
      );
      variants.push(base.map((r) => ({ ...r, label: `${op.operationId} query ${p.name} twice`, path: `${r.path.split('?')[0]}?${p.name}=1&${p.name}=2`, valid: false })));
      variants.push(
        fc.tuple(base, fc.constantFrom(`${p.name}`, `${p.name}=`, `=&${p.name}`, `&&&${p.name}=1&&`, `${p.name}=1%`, `${p.name}=%E9`, `${p.name}=%C3%A9`, `${p.name}=1#frag`)).map(([r, q]) => ({
          ...r,
          label: `${op.operationId} raw query ${JSON.stringify(q)}`,
          path: `${r.path.split('?')[0]}?${q}`,
          valid: false,
        })),
      );
    } else {
      const headerBad = bad.map((b) => [b.rule, b.text] as const).filter(([, t]) => /^[\x20-\x7e]*$/.test(t));
      const etagBad = fc.constantFrom(['unquoted', '3'] as const, ['weak', 'W/"1"'] as const, ['list', '"1", "2"'] as const, ['junk', '"1" x'] as const, ['empty tag', '""'] as const, ['huge version', '"99999999999999999999"'] as const);
      variants.push(
        fc.tuple(base, fc.oneof(headerBad, etagBad)).map(([r, [rule, text]]) => ({
          ...r,
          label: `${op.operationId} header ${p.name}: ${rule}`,
          headers: [...r.headers.filter(([n]) => n.toLowerCase() !== p.name.toLowerCase()), [p.name, text] as [string, string]],
          valid: false,
        })),
      );
    }
  }

  // Object.prototype names and odd names as query and header names, with a valid token.
  variants.push(
    fc.tuple(base, fc.constantFrom(...HOSTILE_NAMES, 'LIMIT', 'limit[]', 'a%00b', '%', '&&', '=x'), fc.constantFrom('1', '', 'x', '%ZZ')).map(([r, name, value]) => ({
      ...r,
      label: `${op.operationId} hostile query name ${JSON.stringify(name)}`,
      path: `${r.path}${r.path.includes('?') ? '&' : '?'}${name}=${value}`,
      // An undeclared query parameter is no reason to refuse a request (API Gateway passes it on).
      valid: (HOSTILE_NAMES as readonly string[]).includes(name) && value !== '%ZZ',
    })),
  );
  variants.push(
    fc.tuple(base, fc.constantFrom(...HOSTILE_NAMES, 'X-Amzn-RequestId', 'X-Forwarded-For', 'Host', 'X-Amz-Date'), fc.constantFrom('1', 'x', 'é', 'a'.repeat(4000))).map(([r, name, value]) => ({
      ...r,
      label: `${op.operationId} hostile header name ${JSON.stringify(name)}`,
      headers: [...r.headers, [name, value] as [string, string]],
      valid: (HOSTILE_NAMES as readonly string[]).includes(name),
    })),
  );
  variants.push(fc.tuple(base, badAuth(op)).map(([r, auth]) => ({ ...r, label: `${op.operationId} credential ${describeAuth(auth)}`, auth, valid: false })));
  // Two Authorization headers (a valid token and a second one): 401, as one header holding both.
  variants.push(
    fc.tuple(base, fc.constantFrom('Bearer $TOKEN_LIKE', 'Bearer x.y.z', 'Basic YTpi')).map(([r, second]) => ({
      ...r,
      label: `${op.operationId} two Authorization headers (second ${second})`,
      headers: [...r.headers, ['Authorization', second] as [string, string]],
      valid: false,
    })),
  );
  // Request lines stay within API Gateway's 8 KiB URL limit: longer ones meet node's 16 KiB header
  // limit (431, no body) before any code of ours; see test/known-gaps.test.ts.
  return fc.oneof(...variants).filter((r) => r.path.length <= MAX_URL);
}

/** API Gateway's limit on a URL's length (bytes). */
export const MAX_URL = 8192;

/** A short, secret-free description of a credential. */
export function describeAuth(auth: Auth): string {
  switch (auth.kind) {
    case 'none':
      return 'none';
    case 'raw':
      return `raw ${JSON.stringify(auth.header.slice(0, 30))}`;
    case 'forged':
      return `forged ${auth.forge}`;
    case 'client':
      return `${auth.client}${auth.mutation ? ` ${auth.mutation}` : ''}`;
  }
}

const PATH_SEGMENTS = ['products', 'product', 'Products', '__proto__', 'constructor', 'toString', '%2e%2e', '..', '.', '', '%00', '%ZZ', '%F0%9F%98%80', 'a%2Fb', 'x'.repeat(300)];

/**
 * Requests no operation answers: unknown methods on known paths, unknown paths, odd encodings.
 * @example fc.sample(unroutedRequest(), 1)
 */
export function unroutedRequest(): fc.Arbitrary<FuzzRequest> {
  const knownPaths = [...new Set(operations.map((op) => op.path.replace(/\{[^}]+\}/g, 'android')))];
  const knownMethods = new Set(operations.map((op) => `${op.method} ${op.path.replace(/\{[^}]+\}/g, 'android')}`));
  const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'TRACK', 'PROPFIND', 'constructor', '__proto__', 'M-SEARCH', 'toString'];
  const unknownMethod = fc.tuple(fc.constantFrom(...methods), fc.constantFrom(...knownPaths)).filter(([m, p]) => !knownMethods.has(`${m} ${p}`));
  // Unrouted after URL normalization (`/./products` is `/products` to fetch's URL and node's adapter).
  const unknownPath = fc.tuple(fc.constantFrom(...methods), fc.array(fc.constantFrom(...PATH_SEGMENTS), { minLength: 1, maxLength: 4 }).map((s) => `/${s.join('/')}`)).filter(
    ([, p]) => !operations.some((op) => new RegExp(`^/dev${op.path.replace(/\{[^}]+\}/g, '[^/]+')}/?$`).test(new URL(`http://h/dev${p}`).pathname)),
  );
  const auth = fc.oneof(fc.constant<Auth>({ kind: 'none' }), fc.constant<Auth>({ kind: 'client', client: 'products-admin' }), fc.constantFrom(...FORGES).map((forge): Auth => ({ kind: 'forged', forge })));
  // `..` segments that climb out of the stage reach the origin's other routes (docs, JWKS), not the API.
  const staysInStage = ([, p]: [string, string]) => new URL(`http://h/dev${p}`).pathname.startsWith('/dev/');
  return fc.tuple(fc.oneof(unknownMethod, unknownPath).filter(staysInStage), auth, fc.boolean()).map(([[method, path], a, withBody]) => {
    const request: FuzzRequest = { label: `unrouted ${method} ${path.slice(0, 60)}`, operationId: null, method, path, headers: [], auth: a, valid: false };
    // TRACE must not carry a body (node's client refuses to send one).
    if (withBody && !['GET', 'HEAD', 'TRACE', 'TRACK', 'get'].includes(method)) {
      request.body = utf8('{"name":"a"}');
      request.headers = [['Content-Type', 'application/json']];
    }
    return request;
  });
}

/**
 * Requests of the token endpoint: valid ones, and the ways to get one wrong (methods, content types,
 * duplicated parameters, two client authentications, secrets and tokens in the wrong place, hostile
 * names, invalid UTF-8, bodies over the limit). `$ID`/`$SECRET` are filled in by the test.
 * @example fc.sample(tokenRequest(), 1)
 */
export function tokenRequest(): fc.Arbitrary<FuzzRequest & { tokenEndpoint: { query: string } }> {
  const grant = fc.constantFrom('grant_type=client_credentials', 'grant_type=client_credentials', 'grant_type=client_credentials', 'grant_type=$TOKEN_LIKE', 'grant_type=$SECRET', 'grant_type=password', 'grant_type=refresh_token', 'grant_type=', 'grant_type=client_credentials&grant_type=client_credentials', 'grant_type=%ZZ', '');
  const scope = fc.constantFrom('', '&scope=product-api%2Fread_product', '&scope=product-api%2Fread_product+product-api%2Fcreate_product', '&scope=unknown', '&scope=$TOKEN_LIKE', '&scope=$SECRET', '&scope=a&scope=b', `&scope=${'s'.repeat(3000)}`);
  const clientAuth = fc.constantFrom('basic', 'form', 'both', 'none', 'basic-wrong-secret', 'form-wrong-secret', 'basic-garbage', 'basic-secret-as-id');
  const extra = fc.constantFrom('', ...HOSTILE_NAMES.map((n) => `&${n}=1`), '&client_id=other', '&%FF=%FF');
  const encoding = fc.constantFrom('form', 'form', 'form', 'json', 'none', 'invalid-utf8', 'oversized', 'query-only');
  const method = fc.oneof({ weight: 12, arbitrary: fc.constant('POST') }, { weight: 1, arbitrary: fc.constantFrom('GET', 'PUT', 'TRACE', 'constructor', 'post') });
  return fc.record({ grant, scope, clientAuth, extra, encoding, method }).map(({ grant: g, scope: s, clientAuth: ca, extra: e, encoding: enc, method: m }) => {
    const form = `${g}${s}${e}${ca === 'form' || ca === 'form-wrong-secret' || ca === 'both' ? `&client_id=$ID&client_secret=${ca === 'form-wrong-secret' ? 'wrong' : '$SECRET'}` : ''}`;
    const headers: [string, string][] = [];
    let auth: Auth = { kind: 'none' };
    if (ca === 'basic' || ca === 'both') auth = { kind: 'raw', header: 'Basic $BASIC' };
    if (ca === 'basic-wrong-secret') auth = { kind: 'raw', header: 'Basic $BASIC_WRONG' };
    if (ca === 'basic-garbage') auth = { kind: 'raw', header: 'Basic %%%' };
    if (ca === 'basic-secret-as-id') auth = { kind: 'raw', header: 'Basic $BASIC_SECRET_AS_ID' };
    let body: Uint8Array | undefined;
    let query = '';
    if (enc === 'query-only') query = `?${form}`;
    else if (enc === 'json') {
      headers.push(['Content-Type', 'application/json']);
      body = utf8(JSON.stringify(Object.fromEntries(new URLSearchParams(form))));
    } else if (enc === 'none') body = utf8(form);
    else {
      headers.push(['Content-Type', 'application/x-www-form-urlencoded']);
      if (enc === 'invalid-utf8') body = Uint8Array.from([...utf8(form), ...utf8('&scope='), 0xff, 0xfe]);
      else if (enc === 'oversized') body = utf8(`${form}&pad=${'a'.repeat(70_000)}`);
      else body = utf8(form);
    }
    if (m === 'TRACE' || m === 'GET') body = undefined;
    if (enc === 'query-only' || body === undefined) headers.push(['Content-Type', 'application/x-www-form-urlencoded']);
    const request: FuzzRequest & { tokenEndpoint: { query: string } } = {
      label: `token ${m} ${enc} ${ca} ${JSON.stringify(`${g}${s}${e}`.slice(0, 80))}`,
      operationId: null,
      method: m,
      path: '',
      headers,
      auth,
      valid: false,
      tokenEndpoint: { query },
    };
    if (body !== undefined) request.body = body;
    return request;
  });
}

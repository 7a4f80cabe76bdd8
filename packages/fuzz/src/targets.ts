// Where the cases go: the local stack over a real socket (node:http, so any method and raw bytes can be
// sent), the gateway core in process (createGateway + the real service on the in-memory repository, the
// stack's JWKS), and the MSW kit's `mock.fetch` once it runs over the same core.
import { request as httpRequest } from 'node:http';
import type { FuzzAnswer, FuzzRequest, ForgedToken } from './request.ts';

/** The app clients and tokens a target knows (the mock has its own clients and issues its own tokens). */
export type Credentials = {
  /** The default app clients, secrets included (never printed). */
  clients: readonly { name: string; clientId: string; clientSecret: string; scopes: readonly string[] }[];
  /** A token of a default client from this target's token endpoint. */
  client(name: string): Promise<string>;
  /** A forged token (see ForgedToken). */
  forged(kind: ForgedToken): Promise<string>;
};

/** A system under test. */
export type Target = {
  /** `stack`, `core`, `mock`. */
  name: string;
  /** Its clients and tokens. */
  credentials: Credentials;
  /** Whether it can be sent this case at all (fetch cannot send CONNECT, TRACE or TRACK); default yes. */
  accepts?: (request: FuzzRequest) => boolean;
  /** Sends a case with its Authorization header value (already made) and reads the whole answer. */
  send(request: FuzzRequest, authorization: string | undefined): Promise<FuzzAnswer>;
};

/** The methods fetch's `Request` refuses; adapters pass them as GET with the real method beside. */
export const FETCH_FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/**
 * The local stack over a real socket on loopback.
 * @example const stack = socketTarget('http://127.0.0.1:4010', 'dev')
 */
export function socketTarget(origin: string, stage: string, credentials: Credentials): Target {
  const url = new URL(origin);
  return {
    name: 'stack',
    credentials,
    send(request, authorization) {
      // With headers as a list node adds no Host; a case may bring its own (one only: two are node's 400).
      const raw: string[] = request.headers.some(([n]) => n.toLowerCase() === 'host') ? [] : ['Host', url.host];
      for (const [n, v] of request.headers) raw.push(n, v);
      if (authorization !== undefined) raw.push('Authorization', authorization);
      if (request.body !== undefined && !request.chunked) raw.push('Content-Length', String(request.body.length));
      if (request.body !== undefined && request.chunked) raw.push('Transfer-Encoding', 'chunked');
      const path = request.tokenEndpoint ? `/oauth2/token${request.tokenEndpoint.query}` : `/${stage}${request.path}`;
      return new Promise<FuzzAnswer>((resolve, reject) => {
        const req = httpRequest({ host: url.hostname, port: Number(url.port), method: request.method, path, headers: raw, agent: false }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
            resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
          });
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(request.body === undefined ? undefined : Buffer.from(request.body));
      });
    },
  };
}

/** An app as the adapters see it: `(Request, info) => Response`. */
export type FetchApp = (request: Request, info?: { method?: string; rawHeaders?: string[] }) => Promise<Response>;

/**
 * The MSW kit's `mock.fetch` (the same code its msw handlers run): fetch's own `Request`, so methods
 * fetch forbids are not sent to it.
 * @example const mock = mockTarget(createProductsMock({ baseUrl, tokenUrl }), origin, 'dev', credentials)
 */
export function mockTarget(fetch: (request: Request) => Promise<Response>, origin: string, stage: string, credentials: Credentials): Target {
  const target = fetchTarget('mock', (request) => fetch(request), origin, stage, credentials);
  return { ...target, accepts: (request) => !FETCH_FORBIDDEN_METHODS.has(request.method.toUpperCase()) };
}

/**
 * A `(Request) => Response` app in process, fed as the node adapter feeds it (forbidden methods as GET
 * with the method beside, headers fetch refuses answered 400 as the front door does).
 * @example const core = fetchTarget('core', app, 'http://127.0.0.1:4010', 'dev')
 */
export function fetchTarget(name: string, app: FetchApp, origin: string, stage: string, credentials: Credentials): Target {
  return {
    name,
    credentials,
    async send(request, authorization) {
      const headers = new Headers();
      const raw: string[] = [];
      try {
        for (const [n, v] of request.headers) {
          headers.append(n, v);
          raw.push(n, v);
        }
        if (authorization !== undefined) {
          headers.append('Authorization', authorization);
          raw.push('Authorization', authorization);
        }
      } catch {
        return { status: 400, headers: { 'content-type': 'application/json' }, body: '{"message":"Bad Request"}' };
      }
      const method = request.method.toUpperCase();
      const forbidden = FETCH_FORBIDDEN_METHODS.has(method);
      const url = request.tokenEndpoint ? `${origin}/oauth2/token${request.tokenEndpoint.query}` : `${origin}/${stage}${request.path}`;
      const hasBody = !forbidden && method !== 'GET' && method !== 'HEAD';
      const init: RequestInit = { method: forbidden ? 'GET' : request.method, headers };
      // node's server hands an empty stream for a bodiless POST; fetch's Request would have none.
      if (hasBody) init.body = (request.body ?? new Uint8Array()) as Uint8Array<ArrayBuffer>;
      const response = await app(new Request(url, init), { rawHeaders: raw, ...(forbidden ? { method } : {}) });
      const out: Record<string, string> = {};
      response.headers.forEach((v, k) => (out[k] = v));
      return { status: response.status, headers: out, body: request.method === 'HEAD' ? '' : await response.text() };
    },
  };
}

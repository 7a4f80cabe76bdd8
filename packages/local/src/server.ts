import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { RequestInfo } from '@org/products-core';

/** The web-standard core every adapter wraps. */
export type App = (request: Request, info?: RequestInfo) => Promise<Response>;

export type AppOptions = {
  /** The API stage: `/<stage>/...` goes to the gateway. */
  stage: string;
  /** The user pool id: `/<userPoolId>/.well-known/...` are its JWKS and discovery document. */
  userPoolId: string;
  /** The API Gateway emulator, for `/<stage>/...`. */
  gateway: App;
  /** `POST /oauth2/token`. */
  tokenEndpoint: (request: Request, info?: RequestInfo) => Promise<Response>;
  /** The current JWKS document (read on every request, so rotations show at once). */
  jwks: () => unknown;
  /** The pool's OpenID discovery document. */
  openIdConfiguration: () => unknown;
  /** Where `index.html` and `openapi.public.yaml` are (the output of `pnpm docs:build`). */
  docsDir: string;
};

/**
 * One origin for everything, as `(Request) => Response`: the token endpoint, the pool's JWKS and
 * discovery document, the API under `/<stage>`, the docs and the public spec.
 * @example const app = createApp({ stage: 'dev', userPoolId, gateway, tokenEndpoint, jwks, openIdConfiguration, docsDir });
 */
export function createApp(options: AppOptions): App {
  const { stage, userPoolId } = options;
  return async (request, info) => {
    const { pathname } = new URL(request.url);
    if (pathname === `/${stage}` || pathname.startsWith(`/${stage}/`)) return options.gateway(request, info);
    if (pathname === '/oauth2/token') return options.tokenEndpoint(request, info);
    if ((info?.method ?? request.method) === 'GET' || request.method === 'HEAD') {
      if (pathname === `/${userPoolId}/.well-known/jwks.json`) return json(200, options.jwks());
      if (pathname === `/${userPoolId}/.well-known/openid-configuration`) return json(200, options.openIdConfiguration());
      if (pathname === '/docs' || pathname === '/docs/') return serveFile(join(options.docsDir, 'index.html'), 'text/html; charset=utf-8');
      if (pathname === '/openapi.yaml') return serveFile(join(options.docsDir, 'openapi.public.yaml'), 'application/yaml; charset=utf-8');
    }
    return json(404, {
      message: `Nothing at ${request.method} ${pathname}. The API is under /${stage}/, tokens at POST /oauth2/token, keys at /${userPoolId}/.well-known/jwks.json, docs at /docs.`,
    });
  };
}

async function serveFile(path: string, contentType: string): Promise<Response> {
  try {
    return new Response(await readFile(path), { headers: { 'content-type': contentType } });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return new Response(`${path} does not exist yet: run \`pnpm docs:build\` at the repository root, then reload.\n`, {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** A listening HTTP server wrapping an `App`. */
export type HttpServer = { server: Server; port: number; close(): Promise<void> };

/**
 * Serves an `App` over `node:http` (the client's address and raw header names are passed on for
 * the proxy event).
 * @example const { port, close } = await listen(app, { host: '127.0.0.1', port: 0 });
 */
export async function listen(app: App, options: { host: string; port: number }): Promise<HttpServer> {
  // API Gateway allows 10,240 bytes of request line and headers (AWS quotas); node's default of 16 KiB
  // would answer a long query string with a bare 431 before the gateway sees it. Past 64 KiB the
  // answer below still has the contract's shape.
  const server = createServer({ maxHeaderSize: 64 * 1024 }, (req, res) => {
    handle(app, req, res, options.host).catch((error: unknown) => {
      // A bug of the stack itself (nothing a request can reach, the fuzz suite says): still the contract's shape.
      if (!res.headersSent) {
        const requestId = randomUUID();
        res.writeHead(500, { 'content-type': 'application/json', 'x-amzn-requestid': requestId });
        res.end(JSON.stringify({ message: 'Internal server error', code: 'internal_error', requestId }));
      } else res.destroy(error as Error);
    });
  });
  // node:http hands CONNECT to a 'connect' listener (or drops the socket): answer it as the gateway
  // answers any method the API does not define.
  const origin = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}`;
  /** Answers a request node:http did not hand to the request listener, by the app, on the raw socket. */
  const answerRaw = (socket: Duplex, target: string, headers: Headers, info: RequestInfo): void => {
    app(new Request(`${origin}${safePath(target)}`, { headers }), info)
      .then(async (response) => writeRaw(socket, response.status, response.headers, new Uint8Array(await response.arrayBuffer())))
      .catch(() => socket.destroy());
  };
  server.on('connect', (req: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => undefined);
    const headers = new Headers();
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
      try {
        headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
      } catch {
        // A field fetch's Headers refuses is dropped.
      }
    }
    answerRaw(socket, req.url?.startsWith('/') ? req.url : '/', headers, { sourceIp: normalizeIp(req.socket.remoteAddress), method: 'CONNECT', protocol: `HTTP/${req.httpVersion}` });
  });
  // A request node cannot parse (headers over the limit, a malformed request line) still gets an
  // answer in the contract's shape, not a bare status or a dropped socket.
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    if (!socket.writable) return socket.destroy();
    // A method node's parser does not know (TRACK, PROPFIND...): the gateway answers it, as any method
    // the API does not define, with its access-log line.
    const raw = error.code === 'HPE_INVALID_METHOD' ? (error.rawPacket?.toString('latin1') ?? '') : '';
    const line = /^([!#-'*+.^-z|~0-9A-Za-z]{1,32}) (\/\S*) HTTP\/1\.[01]\r?\n/.exec(raw);
    if (line) {
      // The headers as sent (the parser stopped at the method), so the gateway decides as for any request.
      const headers = new Headers();
      for (const field of (raw.split(/\r?\n\r?\n/)[0] ?? '').split(/\r?\n/).slice(1)) {
        const colon = field.indexOf(':');
        if (colon <= 0) continue;
        try {
          headers.append(field.slice(0, colon).trim(), field.slice(colon + 1).trim());
        } catch {
          // A field fetch's Headers refuses is dropped, as node would have refused the request.
        }
      }
      answerRaw(socket, line[2]!, headers, { method: line[1]!.toUpperCase(), sourceIp: normalizeIp((socket as Socket).remoteAddress) });
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const requestId = randomUUID();
    const body = JSON.stringify({ message: tooLarge ? 'Request Header Fields Too Large' : 'Bad Request', code: 'gateway_error', requestId });
    writeRaw(socket, tooLarge ? 431 : 400, new Headers({ 'content-type': 'application/json', 'x-amzn-requestid': requestId, connection: 'close' }), new TextEncoder().encode(body));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function handle(app: App, req: IncomingMessage, res: ServerResponse, host: string): Promise<void> {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    try {
      headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
    } catch {
      // A header node accepts but fetch's Headers refuses: API Gateway's front door answers 400.
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Bad Request' }));
      req.resume();
      return;
    }
  }
  // fetch's Request refuses CONNECT, TRACE and TRACK: such a request is handed on as a bodiless GET with
  // its real method in `info.method`, so the gateway answers it as API Gateway does (no route: 403).
  const forbidden = FORBIDDEN_METHODS.has((req.method ?? '').toUpperCase());
  const hasBody = !forbidden && req.method !== 'GET' && req.method !== 'HEAD';
  const init = {
    method: forbidden ? 'GET' : req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    // undici needs `duplex` for a streamed body.
    duplex: hasBody ? 'half' : undefined,
  } as RequestInit;
  let request: Request;
  try {
    request = new Request(`http://${req.headers.host ?? host}${safePath(req.url)}`, init);
  } catch {
    // A Host header that is no host (`a b`, a port over 65535): the origin is this server's own.
    try {
      request = new Request(`http://${host.includes(':') ? `[${host}]` : host}${safePath(req.url)}`, init);
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Bad Request' }));
      req.resume();
      return;
    }
  }
  const response = await app(request, {
    sourceIp: normalizeIp(req.socket.remoteAddress),
    rawHeaders: req.rawHeaders,
    protocol: `HTTP/${req.httpVersion}`,
    ...(forbidden ? { method: (req.method ?? '').toUpperCase() } : {}),
  });
  const out: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') out[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) out['set-cookie'] = cookies;
  res.writeHead(response.status, out);
  if (response.body && req.method !== 'HEAD') {
    const body = new Uint8Array(await response.arrayBuffer());
    res.end(body);
  } else res.end();
  // A body the app did not read (413, early errors) must not keep the socket waiting.
  if (!req.complete) req.resume();
}

const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/** Writes a whole HTTP/1.1 response on a raw socket and closes it. */
function writeRaw(socket: Duplex, status: number, headers: Headers, body: Uint8Array): void {
  const lines = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`];
  headers.forEach((value, name) => {
    if (name !== 'content-length' && name !== 'connection') lines.push(`${name}: ${value}`);
  });
  lines.push(`content-length: ${body.byteLength}`, 'connection: close', '', '');
  socket.end(Buffer.concat([Buffer.from(lines.join('\r\n')), body]));
  // A client still uploading (a 70 KB body after a refused request line) gets the answer rather than a
  // reset: keep reading until it is done, then let go of the socket.
  socket.resume();
  setTimeout(() => socket.destroy(), 2000).unref();
}

/** The request target as a path: an absolute-form or odd target must not change the origin. */
function safePath(url: string | undefined): string {
  // An absolute-form target (`http://other/x`) would otherwise be glued to the origin and fail to parse.
  return url && url.startsWith('/') ? url : `/${url ?? ''}`;
}

function normalizeIp(address: string | undefined): string {
  if (!address) return '127.0.0.1';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

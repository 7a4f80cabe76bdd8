// A tiny OAuth2 token endpoint on 127.0.0.1 (random port) that injects faults on demand: the
// provider is tested against real sockets, real timeouts and real malformed bodies.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  | { kind: 'hang' }
  | { kind: 'malformed' }
  | { kind: 'reset' };

export interface FaultServer {
  tokenUrl: string;
  /** Faults for the next requests, in order; when empty the server issues a token. */
  faults: Fault[];
  /** Every request the server received, in order. */
  requests: { authorization: string | undefined; body: string; at: number }[];
  stop(): Promise<void>;
}

export async function startFaultTokenServer(credentials: { clientId: string; clientSecret: string }): Promise<FaultServer> {
  const faults: Fault[] = [];
  const requests: FaultServer['requests'] = [];
  const hanging = new Set<ServerResponse>();
  let issued = 0;
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    requests.push({ authorization: req.headers.authorization, body, at: Date.now() });
    const fault = faults.shift();
    if (fault?.kind === 'hang') {
      hanging.add(res);
      return;
    }
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'malformed') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"access_token": "abc", "expires_in": 36');
      return;
    }
    if (fault?.kind === 'status') {
      res.writeHead(fault.status, { 'content-type': 'application/json;charset=UTF-8', ...fault.headers }).end(fault.body ?? '');
      return;
    }
    const expected = `Basic ${btoa(`${credentials.clientId}:${credentials.clientSecret}`)}`;
    if (req.headers.authorization !== expected) {
      res.writeHead(400, { 'content-type': 'application/json;charset=UTF-8' }).end('{"error":"invalid_client"}');
      return;
    }
    issued++;
    res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' }).end(JSON.stringify({ access_token: `real-${issued}`, expires_in: 3600, token_type: 'Bearer' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    tokenUrl: `http://127.0.0.1:${port}/oauth2/token`,
    faults,
    requests,
    async stop() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

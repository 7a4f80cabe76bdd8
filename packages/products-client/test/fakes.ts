// In-process stand-ins for the token endpoint and the API, for unit tests that inject `fetch` and
// the clock. The real servers are exercised in test/*.test.ts (fault server, local stack).

/** A clock whose `sleep` advances time instantly and records each delay. */
export function fakeClock(start = 1_800_000_000_000) {
  let time = start;
  const sleeps: number[] = [];
  return {
    now: () => time,
    advance(ms: number) {
      time += ms;
    },
    sleeps,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      time += ms;
    },
  };
}

export interface TokenCall {
  authorization: string | null;
  contentType: string | null;
  form: URLSearchParams;
  scope: string | null;
}

type Scripted = Response | Error | 'hang' | ((call: TokenCall) => Response | Promise<Response>);

/**
 * A fake OAuth2 token endpoint as a fetch function. By default it issues `tok-<n>` tokens for
 * `expiresIn` seconds; `script` answers the next requests in order (a Response, a thrown Error, or
 * 'hang' until the request is aborted). `gate` holds every answer until `release()`.
 */
export function fakeTokenEndpoint(options: { expiresIn?: number; tokenUrl?: string } = {}) {
  const tokenUrl = options.tokenUrl ?? 'https://auth.example.test/oauth2/token';
  const calls: TokenCall[] = [];
  const script: Scripted[] = [];
  const issued = new Map<string, string | null>();
  let gate: Promise<void> | undefined;
  let open: (() => void) | undefined;
  const fetch = async (request: Request): Promise<Response> => {
    if (request.url !== tokenUrl) throw new Error(`fake token endpoint: unexpected URL ${request.url}`);
    const form = new URLSearchParams(await request.text());
    const call: TokenCall = {
      authorization: request.headers.get('authorization'),
      contentType: request.headers.get('content-type'),
      form,
      scope: form.get('scope'),
    };
    calls.push(call);
    if (gate) await gate;
    const next = script.shift();
    if (next === 'hang') {
      return new Promise((_, reject) => {
        request.signal.addEventListener('abort', () => reject(request.signal.reason));
      });
    }
    if (next instanceof Error) throw next;
    if (next instanceof Response) return next;
    if (typeof next === 'function') return next(call);
    const token = `tok-${calls.length}`;
    issued.set(token, call.scope);
    return Response.json({ access_token: token, expires_in: options.expiresIn ?? 3600, token_type: 'Bearer' });
  };
  return {
    tokenUrl,
    fetch,
    calls,
    script,
    /** Token value → the scope it was issued for. */
    issued,
    hold() {
      gate = new Promise((resolve) => {
        open = resolve;
      });
    },
    release() {
      gate = undefined;
      open?.();
    },
  };
}

export interface ApiCall {
  method: string;
  url: string;
  authorization: string | null;
  headers: Headers;
  body: string;
}

/**
 * A fake API behind the fake token endpoint: answers 401 `{"message":"Unauthorized"}` unless the
 * bearer token is one the endpoint issued and not revoked, otherwise `answer(call)` (default 200 `{"items":[]}`).
 */
export function fakeApi(
  endpoint: ReturnType<typeof fakeTokenEndpoint>,
  answer: (call: ApiCall) => Response = () => Response.json({ items: [] }),
) {
  const calls: ApiCall[] = [];
  const revoked = new Set<string>();
  const fetch = async (request: Request): Promise<Response> => {
    if (request.url === endpoint.tokenUrl) return endpoint.fetch(request);
    const call: ApiCall = {
      method: request.method,
      url: request.url,
      authorization: request.headers.get('authorization'),
      headers: request.headers,
      body: await request.text(),
    };
    calls.push(call);
    const token = call.authorization?.replace(/^Bearer /, '') ?? '';
    if (!endpoint.issued.has(token) || revoked.has(token)) {
      return Response.json({ message: 'Unauthorized' }, { status: 401, headers: { 'x-amzn-ErrorType': 'UnauthorizedException' } });
    }
    return answer(call);
  };
  return { fetch, calls, revoked };
}

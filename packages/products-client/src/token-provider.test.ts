import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fakeClock, fakeTokenEndpoint } from '../test/fakes.ts';
import { ConfigurationError, ProductsClientError, TokenRequestError } from './errors.ts';
import { allScopes } from './generated/operations.ts';
import { ClientCredentialsTokenProvider, type TokenEvent, type TokenProviderOptions } from './token-provider.ts';

const SECRET = 's3cr3t+/=value with spaces';
const [READ, CREATE] = allScopes;

function setup(overrides: Partial<TokenProviderOptions> = {}, expiresIn = 3600) {
  const clock = fakeClock();
  const endpoint = fakeTokenEndpoint({ expiresIn });
  const events: TokenEvent[] = [];
  const provider = new ClientCredentialsTokenProvider({
    tokenUrl: endpoint.tokenUrl,
    clientId: 'client-1',
    clientSecret: SECRET,
    fetch: endpoint.fetch,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    onEvent: (e) => events.push(e),
    ...overrides,
  });
  return { clock, endpoint, events, provider };
}

async function rejection(promise: Promise<unknown>): Promise<TokenRequestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TokenRequestError);
  return error as TokenRequestError;
}

describe('ClientCredentialsTokenProvider: caching', () => {
  it('sends one token request for 1,000 concurrent callers of one scope set (single flight)', async () => {
    const { provider, endpoint } = setup();
    endpoint.hold();
    const all = Promise.all(Array.from({ length: 1000 }, () => provider.getToken([READ as string])));
    await new Promise((r) => setTimeout(r, 5));
    endpoint.release();
    const tokens = await all;
    expect(endpoint.calls).toHaveLength(1);
    expect(new Set(tokens)).toEqual(new Set(['tok-1']));
    expect(provider.stats()).toMatchObject({ requests: 1, tokens: 1, joins: 999 });
    await provider.getToken([READ as string]);
    expect(provider.stats().cacheHits).toBe(1);
  });

  it('keys the cache by the sorted scope set and asks for exactly those scopes', async () => {
    const { provider, endpoint } = setup();
    const a = await provider.getToken([READ as string, CREATE as string]);
    const b = await provider.getToken([CREATE as string, READ as string, READ as string]);
    const c = await provider.getToken([READ as string]);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(endpoint.calls.map((call) => call.scope)).toEqual([[CREATE, READ].sort().join(' '), READ]);
    expect(endpoint.calls[0]?.form.get('grant_type')).toBe('client_credentials');
    expect(endpoint.calls[0]?.contentType).toBe('application/x-www-form-urlencoded');
  });

  it('omits the scope parameter for an empty scope set (all the client may have)', async () => {
    const { provider, endpoint } = setup();
    await provider.getToken([]);
    expect(endpoint.calls[0]?.form.has('scope')).toBe(false);
  });

  it('refreshes ahead after 75% of the lifetime: serves the cached token while one background refresh runs', async () => {
    const { provider, endpoint, clock, events } = setup();
    expect(await provider.getToken([READ as string])).toBe('tok-1');
    clock.advance(3600_000 * 0.75 - 1);
    expect(await provider.getToken([READ as string])).toBe('tok-1');
    expect(endpoint.calls).toHaveLength(1);

    clock.advance(1);
    endpoint.hold();
    const during = await Promise.all(Array.from({ length: 100 }, () => provider.getToken([READ as string])));
    expect(new Set(during)).toEqual(new Set(['tok-1']));
    expect(provider.stats().refreshes).toBe(1);
    endpoint.release();
    await new Promise((r) => setTimeout(r, 0));
    expect(await provider.getToken([READ as string])).toBe('tok-2');
    expect(endpoint.calls).toHaveLength(2);
    expect(events.filter((e) => e.type === 'refresh')).toHaveLength(1);
  });

  it('never hands out a token past its expiry minus the skew, and waits for a new one', async () => {
    const { provider, endpoint, clock } = setup({ expirySkewMs: 30_000, refreshAhead: 1 });
    await provider.getToken([READ as string]);
    clock.advance(3600_000 - 30_000 - 1);
    expect(await provider.getToken([READ as string])).toBe('tok-1');
    clock.advance(1);
    expect(await provider.getToken([READ as string])).toBe('tok-2');
    expect(endpoint.calls).toHaveLength(2);
  });

  it('does not serve an expired token even when the token endpoint is failing', async () => {
    const { provider, endpoint, clock } = setup({ retry: { maxAttempts: 1 } });
    await provider.getToken([READ as string]);
    clock.advance(3600_000);
    endpoint.script.push(new Response('down', { status: 503 }));
    const error = await rejection(provider.getToken([READ as string]));
    expect(error.code).toBe('http_503');
  });

  it('keeps serving the cached token when a background refresh fails, and reports it', async () => {
    const { provider, endpoint, clock, events } = setup({ retry: { maxAttempts: 1 } });
    await provider.getToken([READ as string]);
    clock.advance(3600_000 * 0.8);
    endpoint.script.push(new Response('down', { status: 503 }));
    expect(await provider.getToken([READ as string])).toBe('tok-1');
    await new Promise((r) => setTimeout(r, 0));
    const failure = events.find((e) => e.type === 'failure');
    expect(failure).toMatchObject({ type: 'failure', background: true });
    // No new try at once: a down endpoint is not hammered while the cached token is good.
    expect(await provider.getToken([READ as string])).toBe('tok-1');
    await new Promise((r) => setTimeout(r, 0));
    expect(endpoint.calls).toHaveLength(2);
    clock.advance(30_000);
    expect(await provider.getToken([READ as string])).toBe('tok-1');
    await new Promise((r) => setTimeout(r, 0));
    expect(await provider.getToken([READ as string])).toBe('tok-3');
    expect(provider.stats()).toMatchObject({ refreshes: 2, failures: 1 });
  });

  it('clamps the skew to half of a short lifetime so a short token is still usable', async () => {
    const { provider, endpoint, clock } = setup({ expirySkewMs: 60_000 }, 60);
    await provider.getToken([READ as string]);
    clock.advance(29_999);
    expect(await provider.getToken([READ as string])).toBe('tok-1');
    clock.advance(1);
    expect(await provider.getToken([READ as string])).toBe('tok-2');
    expect(endpoint.calls).toHaveLength(2);
  });

  it('invalidate drops only the token it names', async () => {
    const { provider } = setup();
    const first = await provider.getToken([READ as string]);
    expect(provider.invalidate([READ as string], 'some-other-token')).toBe(false);
    expect(await provider.getToken([READ as string])).toBe(first);
    expect(provider.invalidate([READ as string], first)).toBe(true);
    expect(await provider.getToken([READ as string])).toBe('tok-2');
    expect(provider.stats().invalidations).toBe(1);
  });

  it("a caller's abort stops only its own wait", async () => {
    const { provider, endpoint } = setup();
    endpoint.hold();
    const controller = new AbortController();
    const mine = provider.getToken([READ as string], { signal: controller.signal });
    const other = provider.getToken([READ as string]);
    controller.abort();
    expect((await rejection(mine)).code).toBe('aborted');
    endpoint.release();
    expect(await other).toBe('tok-1');
    expect(endpoint.calls).toHaveLength(1);
  });
});

describe('ClientCredentialsTokenProvider: token endpoint failures', () => {
  it('retries 5xx with full-jitter exponential backoff, then succeeds', async () => {
    const { provider, endpoint, clock, events } = setup({ random: () => 0.999, retry: { baseDelayMs: 100, maxDelayMs: 250 } });
    endpoint.script.push(new Response('', { status: 500 }), new Response('', { status: 502 }), new Response('', { status: 503 }));
    expect(await provider.getToken([READ as string])).toBe('tok-4');
    // Delays are random in [0, min(max, base·2ⁿ⁻¹)]: with random ≈ 1 they sit at the caps 100, 200, 250.
    expect(clock.sleeps).toEqual([100, 200, 250]);
    expect(events.filter((e) => e.type === 'retry').map((e) => (e as { code: string }).code)).toEqual(['http_500', 'http_502', 'http_503']);
    expect(provider.stats()).toMatchObject({ requests: 4, retries: 3, tokens: 1, failures: 0 });
  });

  it('uses full jitter: random 0 means no wait', async () => {
    const { provider, endpoint, clock } = setup({ random: () => 0 });
    endpoint.script.push(new Response('', { status: 500 }));
    await provider.getToken([READ as string]);
    expect(clock.sleeps).toEqual([0]);
  });

  it('stops after maxAttempts with the last failure as a typed, retryable error', async () => {
    const { provider, endpoint } = setup({ retry: { maxAttempts: 3 } });
    endpoint.script.push(...Array.from({ length: 5 }, () => new Response('busy', { status: 500 })));
    const error = await rejection(provider.getToken([READ as string]));
    expect(error).toBeInstanceOf(ProductsClientError);
    expect(error).toMatchObject({ code: 'http_500', status: 500, attempts: 3, retryable: true, name: 'TokenRequestError' });
    expect(error.message).toContain('Gave up after 3 attempts');
    expect(endpoint.calls).toHaveLength(3);
    expect(provider.stats().failures).toBe(1);
  });

  it('honours Retry-After (seconds and HTTP date) on 429', async () => {
    const { provider, endpoint, clock } = setup();
    endpoint.script.push(
      new Response('{"message":"Too Many Requests"}', { status: 429, headers: { 'Retry-After': '3' } }),
      new Response('', { status: 429, headers: { 'Retry-After': new Date(clock.now() + 3000 + 5000).toUTCString() } }),
    );
    await provider.getToken([READ as string]);
    expect(clock.sleeps).toEqual([3000, 5000]);
  });

  it('gives up at once when Retry-After would pass the total time budget', async () => {
    const { provider, endpoint, clock } = setup({ retry: { maxElapsedMs: 10_000 } });
    endpoint.script.push(new Response('', { status: 429, headers: { 'Retry-After': '60' } }));
    const error = await rejection(provider.getToken([READ as string]));
    expect(error).toMatchObject({ code: 'too_many_requests', attempts: 1 });
    expect(error.message).toContain('retry budget');
    expect(clock.sleeps).toEqual([]);
  });

  it('counts the time already spent against maxElapsedMs, not only the next wait', async () => {
    const { provider, endpoint, clock } = setup({ random: () => 0.999, retry: { baseDelayMs: 100, maxDelayMs: 1_000, maxElapsedMs: 250 } });
    endpoint.script.push(...Array.from({ length: 5 }, () => new Response('', { status: 503 })));
    const error = await rejection(provider.getToken([READ as string]));
    // Waited 100 ms; the next wait (200 ms) alone fits in 250 ms, but 100 + 200 does not.
    expect(clock.sleeps).toEqual([100]);
    expect(error).toMatchObject({ code: 'http_503', attempts: 2 });
    expect(error.message).toContain('250 ms retry budget');
  });

  it("treats Cognito's 400 TooManyRequestsException as throttling and retries it", async () => {
    const { provider, endpoint } = setup();
    endpoint.script.push(Response.json({ __type: 'TooManyRequestsException', message: 'Rate exceeded' }, { status: 400 }));
    expect(await provider.getToken([READ as string])).toBe('tok-2');
  });

  it.each([
    ['invalid_client', 400],
    ['invalid_scope', 400],
    ['unauthorized_client', 400],
    ['invalid_client', 401],
  ])('does not retry %s (%i) and uses the OAuth error as the code', async (oauthError, status) => {
    const { provider, endpoint } = setup();
    endpoint.script.push(Response.json({ error: oauthError }, { status }));
    const error = await rejection(provider.getToken([READ as string]));
    expect(error).toMatchObject({ code: oauthError, status, attempts: 1, retryable: false });
    expect(error.cause).toEqual({ error: oauthError });
    expect(error.message).toContain(endpoint.tokenUrl);
    expect(endpoint.calls).toHaveLength(1);
  });

  it('does not retry another 4xx without an OAuth error', async () => {
    const { provider, endpoint } = setup();
    endpoint.script.push(new Response('nope', { status: 404 }));
    const error = await rejection(provider.getToken([READ as string]));
    expect(error).toMatchObject({ code: 'http_404', attempts: 1 });
    expect(error.message).toContain(`${endpoint.tokenUrl} answered 404: "nope" for client "client-1"`);
  });

  it('retries network errors and keeps the original as the cause', async () => {
    const { provider, endpoint } = setup({ retry: { maxAttempts: 2 } });
    const boom = new TypeError('fetch failed');
    endpoint.script.push(boom, boom);
    const error = await rejection(provider.getToken([READ as string]));
    expect(error).toMatchObject({ code: 'network_error', attempts: 2, retryable: true });
    expect(error.cause).toBe(boom);
  });

  it('aborts a hanging request after timeoutMs and retries it', async () => {
    const { provider, endpoint } = setup({ timeoutMs: 20 });
    endpoint.script.push('hang');
    expect(await provider.getToken([READ as string])).toBe('tok-2');
    expect(provider.stats()).toMatchObject({ requests: 2, retries: 1 });
  });

  it('reports a timeout code when every attempt hangs', async () => {
    const { provider, endpoint } = setup({ timeoutMs: 10, retry: { maxAttempts: 2 } });
    endpoint.script.push('hang', 'hang');
    const error = await rejection(provider.getToken([READ as string]));
    expect(error).toMatchObject({ code: 'timeout', attempts: 2 });
    expect(error.cause).toBeInstanceOf(Error);
  });

  it.each([
    ['malformed JSON', new Response('{"access_token": "abc', { status: 200 }), 'is not JSON'],
    ['no access_token', Response.json({ expires_in: 3600 }), 'has no access_token'],
    ['a non-bearer token', Response.json({ access_token: 'x', token_type: 'mac', expires_in: 60 }), 'not Bearer'],
    ['a zero lifetime', Response.json({ access_token: 'x', expires_in: 0 }), 'positive expires_in'],
  ])('rejects a 200 with %s as invalid_token_response, without retrying', async (_name, response, says) => {
    const { provider, endpoint } = setup();
    endpoint.script.push(response);
    const error = await rejection(provider.getToken([READ as string]));
    expect(error).toMatchObject({ code: 'invalid_token_response', status: 200, retryable: false });
    expect(error.message).toContain(says);
    expect(endpoint.calls).toHaveLength(1);
  });

  it('shares one failure with every waiting caller', async () => {
    const { provider, endpoint } = setup();
    endpoint.script.push(Response.json({ error: 'invalid_client' }, { status: 400 }));
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => provider.getToken([READ as string])));
    expect(results.every((r) => r.status === 'rejected' && (r.reason as TokenRequestError).code === 'invalid_client')).toBe(true);
    expect(endpoint.calls).toHaveLength(1);
  });
});

describe('ClientCredentialsTokenProvider: client authentication', () => {
  it('sends client_secret_basic with form-encoded id and secret (RFC 6749 §2.3.1)', async () => {
    const { provider, endpoint } = setup();
    await provider.getToken([READ as string]);
    const call = endpoint.calls[0];
    const decoded = atob(call?.authorization?.replace('Basic ', '') ?? '');
    const [id, secret] = decoded.split(':').map((part) => new URLSearchParams(`v=${part}`).get('v'));
    expect([id, secret]).toEqual(['client-1', SECRET]);
    expect(call?.form.has('client_secret')).toBe(false);
  });

  it('sends client_secret_post in the form and no Authorization header', async () => {
    const { provider, endpoint } = setup({ authMethod: 'client_secret_post' });
    await provider.getToken([READ as string]);
    const call = endpoint.calls[0];
    expect(call?.authorization).toBeNull();
    expect(call?.form.get('client_id')).toBe('client-1');
    expect(call?.form.get('client_secret')).toBe(SECRET);
  });
});

describe('ClientCredentialsTokenProvider: configuration', () => {
  const base = { clientId: 'c', clientSecret: SECRET };

  it.each(['http://localhost:4010/oauth2/token', 'http://127.0.0.1/oauth2/token', 'http://127.9.8.7:1/t', 'http://[::1]:4010/oauth2/token', 'https://auth.example.com/oauth2/token'])(
    'accepts %s',
    (tokenUrl) => {
      expect(new ClientCredentialsTokenProvider({ ...base, tokenUrl }).tokenUrl).toBe(new URL(tokenUrl).href);
    },
  );

  it.each(['http://auth.example.com/oauth2/token', 'http://10.0.0.1/oauth2/token', 'http://localhost.example.com/t', 'ftp://localhost/t'])(
    'refuses the non-HTTPS, non-loopback token URL %s',
    (tokenUrl) => {
      const make = () => new ClientCredentialsTokenProvider({ ...base, tokenUrl });
      expect(make).toThrow(ConfigurationError);
      expect(make).toThrow(expect.objectContaining({ code: 'insecure_token_url', message: expect.stringContaining(tokenUrl) }));
    },
  );

  it('refuses credentials in the URL without quoting them', () => {
    const make = () => new ClientCredentialsTokenProvider({ ...base, tokenUrl: `https://c:${encodeURIComponent(SECRET)}@auth.example.com/t` });
    expect(make).toThrow(expect.objectContaining({ code: 'invalid_option' }));
    expect(() => make()).not.toThrow(expect.objectContaining({ message: expect.stringContaining('s3cr3t') }));
  });

  it.each([
    [{ tokenUrl: 'not a url' }, 'not an absolute URL'],
    [{ clientId: '' }, 'clientId'],
    [{ clientSecret: '' }, 'clientSecret'],
    [{ authMethod: 'private_key_jwt' as never }, 'authMethod'],
    [{ refreshAhead: 2 }, 'refreshAhead'],
    [{ retry: { maxAttempts: 0 } }, 'retry.maxAttempts'],
    [{ retry: { maxAttempts: 2.5 } }, 'retry.maxAttempts'],
    // AbortSignal.timeout and setTimeout take whole ms up to 2³¹−1 (larger fires at once).
    [{ timeoutMs: Infinity }, 'timeoutMs'],
    [{ timeoutMs: 1.5 }, 'timeoutMs'],
    [{ timeoutMs: 2 ** 31 }, 'timeoutMs'],
  ])('refuses %j with a clear invalid_option error', (bad, says) => {
    const make = () => new ClientCredentialsTokenProvider({ tokenUrl: 'https://a.example/t', ...base, ...bad });
    expect(make).toThrow(expect.objectContaining({ code: 'invalid_option', name: 'ConfigurationError', message: expect.stringContaining(says) }));
  });
});

describe('ClientCredentialsTokenProvider: secret hygiene', () => {
  const echoes = (text: string) => text.includes('s3cr3t') || text.includes(encodeURIComponent(SECRET)) || text.includes(btoa(`client-1:${new URLSearchParams({ v: SECRET }).toString().slice(2)}`));

  it('JSON.stringify and util.inspect of the provider never show the secret', async () => {
    const { provider } = setup();
    await provider.getToken([READ as string]);
    for (const text of [JSON.stringify(provider), inspect(provider, { showHidden: true, depth: 10 }), String(provider), JSON.stringify({ nested: provider })]) {
      expect(echoes(text)).toBe(false);
      expect(text).not.toContain('tok-1');
    }
    expect(JSON.parse(JSON.stringify(provider))).toMatchObject({ clientId: 'client-1', clientSecret: '[redacted]' });
  });

  it('errors, causes and events never carry the secret or a token, even when the server echoes them', async () => {
    const basic = btoa(`client-1:${new URLSearchParams({ v: SECRET }).toString().slice(2)}`);
    const echo = (call: { form: URLSearchParams; authorization: string | null }) => `${call.form.toString()} ${call.authorization} ${SECRET}`;
    const cases: Array<(ep: ReturnType<typeof fakeTokenEndpoint>) => void> = [
      (ep) => ep.script.push((call) => Response.json({ error: 'invalid_client', error_description: echo(call) }, { status: 400 })),
      (ep) => ep.script.push((call) => new Response(`<html>${echo(call)}</html>`, { status: 403 })),
      (ep) => ep.script.push((call) => new Response(`{"access_token": "${echo(call)}`, { status: 200 })),
      (ep) => ep.script.push(new TypeError(`connect failed for ${SECRET} ${basic}`)),
      // A custom fetch may wrap the detail one level down, as undici does ('fetch failed' + cause).
      (ep) => ep.script.push(new TypeError('fetch failed', { cause: new Error(`socket closed after ${basic} ${SECRET}`) })),
      (ep) => ep.script.push(new TypeError('fetch failed', { cause: new Error('connect failed', { cause: `refused ${SECRET}` }) })),
      (ep) => ep.script.push((call) => Response.json({ access_token: 'tok-x', token_type: echo(call) })),
    ];
    for (const authMethod of ['client_secret_basic', 'client_secret_post'] as const) {
      for (const arrange of cases) {
        const { provider, endpoint, events } = setup({ authMethod, retry: { maxAttempts: 1 } });
        arrange(endpoint);
        const error = await rejection(provider.getToken([READ as string]));
        const shown = [error.message, inspect(error, { depth: 20, showHidden: true }), JSON.stringify(error), JSON.stringify(events), inspect(events, { depth: 20 })];
        for (const text of shown) expect(echoes(text), text).toBe(false);
      }
    }
  });

  it('events name scopes and the client, never the token', async () => {
    const { provider, events } = setup();
    const token = await provider.getToken([READ as string]);
    expect(events.map((e) => e.type)).toEqual(['request', 'token']);
    expect(JSON.stringify(events)).not.toContain(token);
    expect(events[0]).toMatchObject({ clientId: 'client-1', scopes: [READ] });
  });

  it('a throwing event hook does not break token fetching', async () => {
    const { provider } = setup({
      onEvent: () => {
        throw new Error('logger down');
      },
    });
    expect(await provider.getToken([READ as string])).toBe('tok-1');
  });
});

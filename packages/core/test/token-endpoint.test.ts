// The token endpoint's decision, in process: the local stack and the MSW kit answer with it.
import { describe, expect, it } from 'vitest';
import { createTokenEndpoint, type TokenClient, type TokenRequestRecord } from '../src/index.ts';

const client: TokenClient = { name: 'admin', clientId: 'id-1', clientSecret: 's3cret-value', scopes: ['api/read', 'api/write'] };
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const basic = `Basic ${btoa('id-1:s3cret-value')}`;

function endpoint() {
  const records: TokenRequestRecord[] = [];
  const handle = createTokenEndpoint({
    clients: () => [client],
    issue: async (_c, scopes) => ({ accessToken: `token-for-${scopes.join('+')}`, expiresIn: 3600 }),
    onRequest: (r) => records.push(r),
    maxBodyBytes: 1024,
  });
  const post = async (body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = { ...FORM, authorization: basic }, query = '') => {
    const r = await handle(new Request(`http://127.0.0.1/oauth2/token${query}`, { method: 'POST', headers, body }));
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };
  return { handle, post, records };
}

describe('token endpoint', () => {
  it('grants the requested scopes, or every allowed scope when none is named', async () => {
    const { post } = endpoint();
    expect(await post('grant_type=client_credentials&scope=api/read')).toEqual({ status: 200, body: { access_token: 'token-for-api/read', expires_in: 3600, token_type: 'Bearer' } });
    expect((await post('grant_type=client_credentials')).body.access_token).toBe('token-for-api/read+api/write');
  });

  it('answers Cognito errors: password is an unsupported grant, refresh_token a grant this client may not use', async () => {
    const { post } = endpoint();
    expect(await post('grant_type=password&username=u&password=p')).toEqual({ status: 400, body: { error: 'unsupported_grant_type' } });
    expect(await post('grant_type=refresh_token&refresh_token=x')).toEqual({ status: 400, body: { error: 'unauthorized_client' } });
    expect(await post('grant_type=client_credentials&scope=api/admin')).toEqual({ status: 400, body: { error: 'invalid_scope' } });
  });

  it('RFC 6749: a repeated parameter, or Basic and a form secret together, is invalid_request', async () => {
    const { post } = endpoint();
    expect(await post('grant_type=client_credentials&grant_type=client_credentials')).toEqual({ status: 400, body: { error: 'invalid_request' } });
    expect(await post('grant_type=client_credentials', { ...FORM, authorization: basic }, '?grant_type=client_credentials')).toEqual({ status: 400, body: { error: 'invalid_request' } });
    expect(await post('grant_type=client_credentials&scope=api/read&scope=api/write')).toEqual({ status: 400, body: { error: 'invalid_request' } });
    expect(await post('grant_type=client_credentials&client_secret=s3cret-value')).toEqual({ status: 400, body: { error: 'invalid_request' } });
    // One method at a time still works: the form alone.
    expect((await post('grant_type=client_credentials&client_id=id-1&client_secret=s3cret-value', FORM)).status).toBe(200);
  });

  it('reads a bounded body: an oversized form is refused without reading it all', async () => {
    const { post, records } = endpoint();
    const r = await post(new Uint8Array(10_000).fill(0x61));
    expect(r).toEqual({ status: 413, body: { error: 'invalid_request' } });
    expect(records.at(-1)).toMatchObject({ status: 413, error: 'invalid_request' });
  });

  it('never records a secret or a token, and only known client ids', async () => {
    const { post, records } = endpoint();
    await post('grant_type=client_credentials&client_id=s3cret-value&client_secret=id-1', FORM);
    await post('grant_type=s3cret-value', { ...FORM, authorization: basic });
    await post('grant_type=client_credentials&scope=s3cret-value');
    await post('grant_type=client_credentials');
    const text = JSON.stringify(records);
    expect(text).not.toContain('s3cret-value');
    expect(text).not.toContain('token-for');
    expect(records.map((r) => r.clientId)).toEqual([undefined, 'id-1', 'id-1', 'id-1']);
  });
});

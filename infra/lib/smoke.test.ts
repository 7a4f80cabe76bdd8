import { describe, expect, it } from 'vitest';
import { runSmoke, type SmokeOptions } from './smoke.ts';

// Option checks only: every case here must fail before the first request (the fetch below throws if
// called). The smoke run itself is tested against the local stack in test/smoke.test.ts.
const secret = 'sm0ke-test-client-secret';
const options: SmokeOptions = {
  apiUrl: 'https://abc123.execute-api.eu-west-1.amazonaws.com/dev',
  tokenUrl: 'https://acme.auth.eu-west-1.amazoncognito.com/oauth2/token',
  clientId: 'admin-id',
  clientSecret: secret,
  fetch: () => Promise.reject(new Error('no request may be sent')),
};

async function refusal(overrides: Partial<SmokeOptions>): Promise<Error & { code?: string }> {
  return runSmoke({ ...options, ...overrides }).then(
    () => {
      throw new Error('runSmoke accepted the options');
    },
    (error: Error & { code?: string }) => error,
  );
}

describe('runSmoke refuses unusable options with a typed error, before any request', () => {
  it.each([
    ['a missing secret', { clientSecret: '' }, 'runSmoke needs clientSecret (got none)'],
    ['an API URL that is not a URL', { apiUrl: 'abc123/dev' }, 'apiUrl "abc123/dev" is not a URL'],
    ['an API URL with a trailing slash', { apiUrl: `${options.apiUrl}/` }, 'pass the stack\'s InvokeUrl output as is'],
    ['an ftp token URL', { tokenUrl: 'ftp://acme/oauth2/token' }, 'is not an http(s) URL'],
    // Refused by the typed client (the secret would travel in clear): reported, not thrown as a crash.
    ['an http token URL off localhost', { tokenUrl: 'http://acme.example/oauth2/token' }, 'is not https'],
    ['a reader client without a secret', { reader: { clientId: 'reader-id', clientSecret: '' } }, 'clientSecret must be a non-empty string'],
  ])('%s', async (_, overrides, message) => {
    const error = await refusal(overrides);
    expect(error).toMatchObject({ name: 'InfraError', code: 'bad_arguments' });
    expect(error.message).toContain(message);
    expect(error.message).not.toContain(secret);
  });
});

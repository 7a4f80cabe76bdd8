import { startLocalStack } from '@org/products-local';

export async function example(): Promise<{ status: number; keys: number }> {
  const stack = await startLocalStack({ port: 0, inMemory: true });
  try {
    const admin = stack.clients.find((c) => c.name === 'products-admin')!;
    // stack.apiUrl, stack.tokenUrl, stack.issuer, stack.jwksUrl, stack.userPoolId
    // stack.fetch(request): the same server in-process, without a socket
    const token = await stack.fetch(
      new Request(stack.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: admin.clientId, client_secret: admin.clientSecret }),
      }),
    );
    await stack.rotateKeys(); // new signing key; the old one stays in the JWKS
    await stack.dropOldKeys(); // only the current key is left; tokens of dropped keys get 401
    const jwks = (await (await fetch(stack.jwksUrl)).json()) as { keys: unknown[] };
    return { status: token.status, keys: jwks.keys.length };
  } finally {
    await stack.stop();
  }
}

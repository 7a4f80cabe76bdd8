// The replay command: whatever bytes a case sends, the printed curl sends the same (bash's ANSI-C
// quoting), with the placeholders left for bash to expand, and never a real token.
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { quote, toCurl } from '../src/curl.ts';
import { utf8 } from '../src/request.ts';
import { fuzzConfig } from '../src/run.ts';

const VALUES: Record<string, string> = { '': '', $SECRET: 's3cr3t', $TOKEN_LIKE: 'T.T.T', $ID: 'cid' };

it('any bytes survive the quoting, placeholders expand (one bash for 200 generated cases)', () => {
  // NUL cannot be in a bash argument (nor in curl's $'...'), so cases end at the first NUL byte.
  const cases = fc
    .sample(fc.tuple(fc.uint8Array({ maxLength: 64 }), fc.constantFrom(...Object.keys(VALUES))), { seed: fuzzConfig.seed, numRuns: 200 })
    .map(([bytes, variable]) => ({ bytes: bytes.includes(0) ? bytes.slice(0, bytes.indexOf(0)) : bytes, variable }));
  const script = cases.map(({ bytes, variable }) => `printf '%s' ${quote(Uint8Array.from([...bytes, ...utf8(variable)]))}; printf '\\0'`).join('\n');
  const out = execFileSync('bash', ['-c', script], { env: { PATH: process.env.PATH, TOKEN_LIKE: 'T.T.T', SECRET: 's3cr3t', ID: 'cid' }, maxBuffer: 1 << 24 });
  const words: Buffer[] = [];
  for (let start = 0, i = out.indexOf(0); i >= 0; start = i + 1, i = out.indexOf(0, start)) words.push(out.subarray(start, i));
  expect(words).toHaveLength(cases.length);
  cases.forEach(({ bytes, variable }, i) => expect(words[i], `case ${i}`).toEqual(Buffer.concat([Buffer.from(bytes), Buffer.from(VALUES[variable]!)])));
});

it('prints the token as $TOKEN and says how to get one', () => {
  const curl = toCurl({ label: 'get a', operationId: 'getProduct', method: 'GET', path: '/products/a', headers: [], auth: { kind: 'client', client: 'products-reader' }, valid: true }, 'http://127.0.0.1:4010', 'dev');
  expect(curl).toContain('-H "Authorization: Bearer $TOKEN"');
  expect(curl).toContain('# TOKEN: an access token of products-reader');
  expect(curl).toContain("$'http://127.0.0.1:4010/dev/products/a'");
});

// Sending one case to every target, checking each answer, the logs and the agreement of the targets;
// a failure reads as what broke plus a replayable curl.
import { authorizes, authorizationOf, type FuzzAnswer, type FuzzRequest } from './request.ts';
import { checkAnswer, normalize } from './check.ts';
import { toCurl } from './curl.ts';
import type { Harness } from './harness.ts';
import type { Credentials, Target } from './targets.ts';
import { METHODS } from 'node:http';
import { isDeepStrictEqual } from 'node:util';
import { contract } from '@org/products-core/contract';

/** The seed and size of a run: FUZZ_SEED and FUZZ_RUNS (a multiplier of each property's CI count). */
export const fuzzConfig = (() => {
  const seedText = process.env.FUZZ_SEED;
  const seed = seedText === undefined || seedText === '' ? 20261130 : seedText === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(seedText);
  if (!Number.isInteger(seed)) throw new Error(`FUZZ_SEED=${JSON.stringify(seedText)} is not an integer; pass a number, or "random".`);
  const scaleText = process.env.FUZZ_RUNS;
  const scale = scaleText === undefined || scaleText === '' ? 1 : Number(scaleText);
  if (!(scale > 0)) throw new Error(`FUZZ_RUNS=${JSON.stringify(scaleText)} is not a positive number; it multiplies each property's case count (1 in CI).`);
  return { seed, scale, runs: (ciRuns: number) => Math.max(1, Math.round(ciRuns * scale)) };
})();

/** Counts of what a file sent, printed at its end. */
export type Tally = { cases: number; requests: number; byStatus: Map<number, number> };

export const newTally = (): Tally => ({ cases: 0, requests: 0, byStatus: new Map() });

/** Values the placeholders in token-endpoint cases stand for (a target's real ones, never printed). */
function placeholders(credentials: Credentials, adminToken: string): [string, string][] {
  const admin = credentials.clients.find((c) => c.name === 'products-admin')!;
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  return [
    ['$BASIC_SECRET_AS_ID', b64(`${admin.clientSecret}:${admin.clientSecret}`)],
    ['$BASIC_WRONG', b64(`${admin.clientId}:wrong`)],
    ['$BASIC', b64(`${admin.clientId}:${admin.clientSecret}`)],
    ['$TOKEN_LIKE', adminToken],
    ['$SECRET', admin.clientSecret],
    ['$ID', admin.clientId],
  ];
}

function fill(text: string, values: [string, string][]): string {
  let out = text;
  for (const [k, v] of values) out = out.split(k).join(v);
  return out;
}

/** The placeholders back in place of a target's values (longest first: a token contains no secret, but be safe). */
function unfill(text: string, values: [string, string][]): string {
  let out = text;
  for (const [k, v] of [...values].sort((a, b) => b[1].length - a[1].length)) if (v.length >= 8) out = out.split(v).join(k);
  return out;
}

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

/** The case with its placeholders filled (it is the filled one that is sent, the template that is printed). */
function materialize(request: FuzzRequest, values: [string, string][]): FuzzRequest {
  const filled: FuzzRequest = {
    ...request,
    path: fill(request.path, values),
    headers: request.headers.map(([n, v]) => [n, fill(v, values)]),
    auth: request.auth.kind === 'raw' ? { kind: 'raw', header: fill(request.auth.header, values) } : request.auth,
  };
  if (request.tokenEndpoint) filled.tokenEndpoint = { query: fill(request.tokenEndpoint.query, values) };
  if (request.body !== undefined) filled.body = new Uint8Array(Buffer.from(fill(latin1(request.body), values), 'latin1'));
  return filled;
}

/** The longest log line expected: a dozen fields, request values capped at 256 characters each. */
const MAX_LOG_LINE = 4096;

/** Tokens seen in a log line or an answer where none may be: full JWTs, or a JWT's signed part. */
const JWT_SHAPED = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}/;

/**
 * Sends a case to each target in turn (same order, so their stores see the same writes) and returns
 * every problem found, each ending with the curl that replays it.
 * @example const problems = await runCase(h, h.targets, request, tally)
 */
export async function runCase(h: Harness, targets: Target[], request: FuzzRequest, tally: Tally, seen?: Map<string, FuzzAnswer>): Promise<string[]> {
  const problems: string[] = [];
  const answers: [Target, FuzzAnswer][] = [];
  tally.cases++;
  for (const target of targets) {
    if (target.accepts && !target.accepts(request)) continue;
    const creds = target.credentials;
    const adminToken = await creds.client('products-admin');
    const values = placeholders(creds, adminToken);
    const sent = materialize(request, values);
    const authorization = await authorizationOf(sent.auth, creds);
    const authorized = request.operationId !== null && authorizes(sent.auth, opScopes(request.operationId), (n) => creds.clients.find((c) => c.name === n)?.scopes ?? []);
    const secrets = [...creds.clients.map((c) => c.clientSecret), adminToken, await creds.client('products-reader')];
    const logStart = h.logs.length;
    let answer: FuzzAnswer;
    try {
      answer = await target.send(sent, authorization);
    } catch (error) {
      problems.push(`[${target.name}] the request failed: ${(error as Error).message}`);
      continue;
    }
    tally.requests++;
    tally.byStatus.set(answer.status, (tally.byStatus.get(answer.status) ?? 0) + 1);
    // A method node's HTTP parser does not know never reaches the app: node answers a bare 400 and
    // closes (API Gateway's front door refuses such methods too). Nothing of ours to check or compare.
    if (target.name === 'stack' && !METHODS.includes(sent.method) && answer.status === 400 && answer.body === '') continue;
    // Compared with its own credentials put back as placeholders (the mock has other clients and tokens).
    answers.push([target, { ...answer, body: unfill(answer.body, values) }]);
    seen?.set(target.name, answer);
    for (const p of checkAnswer(request, answer, { authorized })) problems.push(`[${target.name}] ${p}`);
    // The caller's own value echoed back in an error message is no leak; anything else is.
    const carried = latin1(sent.body ?? new Uint8Array()) + sent.path + (sent.tokenEndpoint?.query ?? '');
    const leakedInAnswer = secrets.find((s) => !carried.includes(s) && (answer.body.includes(s) || Object.values(answer.headers).some((v) => v.includes(s))));
    if (leakedInAnswer) problems.push(`[${target.name}] the answer carries a token or secret (${leakedInAnswer.length} characters)`);
    // Every answer of the gateway is in the access log under its request id (the mock keeps no log).
    const requestId = answer.headers['x-amzn-requestid'];
    if (target.name !== 'mock' && !request.tokenEndpoint && requestId && !h.logs.slice(logStart).some((l) => l.includes(`"requestId":"${requestId}"`))) {
      problems.push(`[${target.name}] no access-log line for request ${requestId}`);
    }
    for (const line of h.logs.slice(logStart)) {
      // Request values in log lines are capped (core redact: 256 characters a field); a line is bounded.
      if (line.length > MAX_LOG_LINE) problems.push(`[${target.name}] a log line of ${line.length} characters (over ${MAX_LOG_LINE}): ${line.slice(0, 200)}...`);
      const leaked = secrets.find((s) => line.includes(s));
      if (leaked) problems.push(`[${target.name}] a log line carries a token or secret: ${line.replace(leaked, '<the secret>').slice(0, 300)}`);
      else if (JWT_SHAPED.test(line)) problems.push(`[${target.name}] a log line carries a JWT-shaped value: ${line.slice(0, 300)}`);
    }
  }
  for (let i = 1; i < answers.length; i++) {
    const [a, x] = answers[0]!;
    const [b, y] = answers[i]!;
    const nx = normalize(x, request);
    const ny = normalize(y, request);
    if (!isDeepStrictEqual(nx, ny)) problems.push(`[${a.name} vs ${b.name}] different answers: ${a.name} ${JSON.stringify(nx).slice(0, 400)}; ${b.name} ${JSON.stringify(ny).slice(0, 400)}`);
  }
  if (problems.length > 0) problems.push(`replay:\n${toCurl(request, new URL(h.stack.apiUrl).origin, h.stack.stage)}`);
  return problems;
}

function opScopes(operationId: string): string[] {
  return contract.model.operations.find((op) => op.operationId === operationId)?.security?.scopes ?? [];
}

/**
 * A one-line summary of a tally (`420 cases, 840 requests; 200×120 400×300 ...`).
 * @example console.log(summary('valid', tally))
 */
export function summary(name: string, tally: Tally): string {
  const statuses = [...tally.byStatus.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
  return `fuzz ${name}: seed ${fuzzConfig.seed}, ${tally.cases} cases, ${tally.requests} requests (${statuses})`;
}

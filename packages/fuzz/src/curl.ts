// A failing case as a curl command someone can paste: every byte of the request, the token as a
// placeholder (never a real one), and what the case tried.
import { mutate, type FuzzRequest } from './request.ts';

/** Bash ANSI-C quoting ($'...'), byte by byte, so invalid UTF-8 and control characters survive. */
export function bashBytes(bytes: Uint8Array): string {
  let out = "$'";
  for (const b of bytes) {
    if (b === 0x27) out += "\\'";
    else if (b === 0x5c) out += '\\\\';
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return `${out}'`;
}

const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);

/** The shell variables a case may name (filled in by the suite, exported by whoever replays it). */
const VARIABLES = /\$(BASIC_SECRET_AS_ID|BASIC_WRONG|BASIC|TOKEN_LIKE|SECRET|ID)\b/;

/** ANSI-C quoted bytes with the placeholders left as "$NAME", so bash expands them. */
export function quote(bytes: Uint8Array): string {
  const text = Array.from(bytes, (b) => String.fromCharCode(b)).join('');
  const out: string[] = [];
  let rest = text;
  for (let m = VARIABLES.exec(rest); m; m = VARIABLES.exec(rest)) {
    if (m.index > 0) out.push(bashBytes(latin1(rest.slice(0, m.index))));
    out.push(`"$${m[1]}"`);
    rest = rest.slice(m.index + m[0].length);
  }
  if (rest !== '' || out.length === 0) out.push(bashBytes(latin1(rest)));
  return out.join('');
}

/** The Authorization header with `$TOKEN` for the real token, and a note when it cannot be written so. */
function authorizationTemplate(request: FuzzRequest): { value?: string; note?: string } {
  const { auth } = request;
  switch (auth.kind) {
    case 'none':
      return {};
    case 'raw':
      return { value: auth.header };
    case 'forged':
      return { value: 'Bearer $FORGED_TOKEN', note: `FORGED_TOKEN: a token the suite forges as "${auth.forge}" (see packages/fuzz/src/harness.ts forge)` };
    case 'client': {
      const getToken = `TOKEN: an access token of ${auth.client} (curl -u <client_id>:<secret> -d grant_type=client_credentials <tokenUrl>)`;
      if (!auth.mutation) return { value: 'Bearer $TOKEN', note: getToken };
      if (['truncate-signature', 'drop-signature', 'flip-payload', 'swap-payload'].includes(auth.mutation)) {
        return { value: 'Bearer $SPOILED_TOKEN', note: `${getToken}; SPOILED_TOKEN: $TOKEN spoiled by "${auth.mutation}" (packages/fuzz/src/request.ts mutate)` };
      }
      return { value: mutate('$TOKEN', auth.mutation), note: getToken };
    }
  }
}

/**
 * A replayable curl for a case against `origin` (`http://127.0.0.1:4010`) and stage.
 * @example console.log(toCurl(request, 'http://127.0.0.1:4010', 'dev'))
 */
export function toCurl(request: FuzzRequest, origin: string, stage: string): string {
  const lines: string[] = [`# ${request.label}`];
  const auth = authorizationTemplate(request);
  if (auth.note) lines.push(`# ${auth.note}`);
  const url = request.tokenEndpoint ? `${origin}/oauth2/token${request.tokenEndpoint.query}` : `${origin}/${stage}${request.path}`;
  const parts = ['curl -sS -i --path-as-is', `-X ${bashBytes(latin1(request.method))}`];
  for (const [name, value] of request.headers) parts.push(`-H ${quote(latin1(`${name}: ${value}`))}`);
  if (auth.value !== undefined) parts.push(`-H "Authorization: ${auth.value.replace(/"/g, '\\"')}"`);
  if (request.chunked) parts.push("-H 'Transfer-Encoding: chunked'");
  // A body of more than 4 KiB would make the command unreadable: its head is shown, and it is read from
  // a file the label says how to make (`x` times n, whitespace padding...).
  if (request.body !== undefined && request.body.length > 4096) {
    lines.push(`# body.bin: ${request.body.length} bytes, starting ${bashBytes(request.body.slice(0, 64))}`);
    parts.push('--data-binary @body.bin');
  } else if (request.body !== undefined) parts.push(`--data-binary ${quote(request.body)}`);
  parts.push(quote(latin1(url)));
  const command = parts.join(' \\\n  ');
  const legend: [string, string][] = [
    ['$BASIC_SECRET_AS_ID', 'base64 of "<secret>:<secret>"'],
    ['$BASIC_WRONG', 'base64 of "<client_id>:wrong"'],
    ['$BASIC', 'base64 of "<client_id>:<secret>" of products-admin'],
    ['$TOKEN_LIKE', 'an access token of products-admin'],
    ['$SECRET', "products-admin's client secret"],
    ['$ID', "products-admin's client id"],
  ];
  let rest = command;
  const used: string[] = [];
  for (const [name, what] of legend) {
    if (rest.includes(name)) used.push(`${name}: ${what}`);
    rest = rest.split(name).join('');
  }
  if (used.length > 0) lines.push(`# ${used.join('; ')} (export them first; stack.json has the clients)`);
  lines.push(command);
  return lines.join('\n');
}

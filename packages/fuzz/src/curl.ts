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
  for (const [name, value] of request.headers) parts.push(`-H ${bashBytes(latin1(`${name}: ${value}`))}`);
  if (auth.value !== undefined) parts.push(`-H "Authorization: ${auth.value.replace(/"/g, '\\"')}"`);
  if (request.chunked) parts.push("-H 'Transfer-Encoding: chunked'");
  if (request.body !== undefined) parts.push(request.body.length > 4096 ? `--data-binary @<(head -c ${request.body.length} /dev/zero | tr '\\0' 'a')  # ${request.body.length} bytes, first: ${bashBytes(request.body.slice(0, 64))}` : `--data-binary ${bashBytes(request.body)}`);
  parts.push(bashBytes(latin1(url)));
  lines.push(parts.join(' \\\n  '));
  return lines.join('\n');
}

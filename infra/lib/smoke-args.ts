import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { InfraError } from './errors.ts';
import { pascal, STACK_NAME } from './names.ts';
import type { SmokeOptions } from './smoke.ts';

/** The smoke command's usage text. */
export const SMOKE_USAGE = `Usage: pnpm smoke -- [--outputs cdk-outputs.json [--stack ${STACK_NAME}]]
                    [--api-url URL] [--token-url URL] [--client-id ID] [--client-secret SECRET]
                    [--reader-client-id ID] [--reader-client-secret SECRET]

Runs the walkthrough's Step 4 against a deployment with the typed client.
--outputs reads InvokeUrl, TokenUrl and the client ids from \`cdk deploy --outputs-file\`; flags override it.
Secrets come from PRODUCTS_CLIENT_SECRET and PRODUCTS_READER_CLIENT_SECRET unless given as flags
(prefer the environment: a flag lands in your shell history). The reader check runs when the reader
client's secret is given.`;

/**
 * Turns the smoke command's arguments and environment into {@link SmokeOptions}; throws a typed
 * `bad_arguments` error that says what is missing.
 * @example parseSmokeArgs(['--outputs', 'cdk-outputs.json'], process.env)
 */
export function parseSmokeArgs(argv: string[], env: Record<string, string | undefined>, cwd = process.cwd()): SmokeOptions {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv[0] === '--' ? argv.slice(1) : argv,
      options: {
        outputs: { type: 'string' },
        stack: { type: 'string' },
        'api-url': { type: 'string' },
        'token-url': { type: 'string' },
        'client-id': { type: 'string' },
        'client-secret': { type: 'string' },
        'reader-client-id': { type: 'string' },
        'reader-client-secret': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (cause) {
    throw new InfraError('bad_arguments', `${(cause as Error).message}\n\n${SMOKE_USAGE}`, { cause });
  }
  const outputs = values.outputs ? readOutputs(values.outputs, values.stack ?? STACK_NAME, cwd) : {};
  const pick = (flag: string | undefined, output: string | undefined): string | undefined => flag ?? output;
  const admin = pascal('products-admin');
  const reader = pascal('products-reader');
  const options = {
    apiUrl: pick(values['api-url'], outputs.InvokeUrl),
    tokenUrl: pick(values['token-url'], outputs.TokenUrl),
    clientId: pick(values['client-id'], outputs[`${admin}ClientId`]),
    clientSecret: pick(values['client-secret'], env.PRODUCTS_CLIENT_SECRET),
  };
  const missing = Object.entries(options)
    .filter(([, v]) => !v)
    .map(([k]) => (k === 'clientSecret' ? '--client-secret (or PRODUCTS_CLIENT_SECRET)' : `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`));
  if (missing.length > 0) {
    throw new InfraError('bad_arguments', `Missing ${missing.join(', ')}.\n\n${SMOKE_USAGE}`);
  }
  const readerId = pick(values['reader-client-id'], outputs[`${reader}ClientId`]);
  const readerSecret = pick(values['reader-client-secret'], env.PRODUCTS_READER_CLIENT_SECRET);
  return {
    ...(options as Pick<SmokeOptions, 'apiUrl' | 'tokenUrl' | 'clientId' | 'clientSecret'>),
    ...(readerId && readerSecret ? { reader: { clientId: readerId, clientSecret: readerSecret } } : {}),
  };
}

function readOutputs(file: string, stack: string, cwd: string): Record<string, string> {
  const path = isAbsolute(file) ? file : resolve(cwd, file);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new InfraError(
      'outputs_unreadable',
      `Cannot read the stack outputs "${path}": ${(cause as Error).message}. Write them with \`cdk deploy --outputs-file cdk-outputs.json\`.`,
      { cause },
    );
  }
  const outputs = (parsed as Record<string, unknown>)?.[stack];
  if (!outputs || typeof outputs !== 'object') {
    throw new InfraError(
      'outputs_unreadable',
      `"${path}" has no outputs for stack "${stack}" (it has ${Object.keys(parsed ?? {}).join(', ') || 'none'}); pass --stack <name>.`,
    );
  }
  return outputs as Record<string, string>;
}

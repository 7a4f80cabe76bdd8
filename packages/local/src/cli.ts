import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ContractModel } from '@org/products-core';
import { model as generatedModel } from '@org/products-core/contract';
import { LocalStackError } from './errors.ts';
import { dataDirOwner } from './lock.ts';
import { REPO_ROOT, startLocalStack, writeStackJson, type LocalStack } from './stack.ts';

/** The `--help` text (the README's option table is checked against it). */
export const HELP = `products-local: the whole products API on this machine, no AWS account needed.

A Cognito-compatible token endpoint, an API Gateway emulator that enforces openapi.yaml
(authorizer, scopes, validators, gateway responses), the real Lambda handler and dynalite.

Usage: pnpm start [options]      (or: products-local [options])

Options:
  --port <n>        the one port for API, token endpoint and JWKS (default 4010; 0 = any free port)
  --host <address>  the address to listen on (default 127.0.0.1)
  --stage <name>    the API stage, first segment of every API path (default dev)
  --data-dir <dir>  data, signing keys, client secrets and stack.json (default <repo>/.local;
                    a relative path is taken from the directory you ran the command in)
  --in-memory       keep data, keys and clients in memory only (stack.json is still written,
                    unless a running stack holds the data dir)
  --config <file>   a JSON or YAML config file: clients, pool id, functions (see packages/local/README.md)
  --help            this text

Ctrl-C (or SIGTERM) stops it cleanly.`;

/**
 * Runs the CLI: parses the options, starts the stack, prints the banner and waits for a signal.
 * Resolves to the exit code once the stack has stopped (or failed to start).
 * @example process.exitCode = await main(process.argv.slice(2));
 */
export async function main(argv: string[], io: { out: (s: string) => void; err: (s: string) => void } = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) }): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      // `pnpm start -- --port 1` passes the `--` through.
      args: argv[0] === '--' ? argv.slice(1) : argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        stage: { type: 'string' },
        'data-dir': { type: 'string' },
        'in-memory': { type: 'boolean' },
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    io.err(`products-local: ${(error as Error).message}\n\n${HELP}\n`);
    return 2;
  }
  if (values.help) {
    io.out(`${HELP}\n`);
    return 0;
  }
  const port = values.port === undefined ? 4010 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.err(`products-local: --port "${String(values.port)}" is not a port number (0 to 65535).\n`);
    return 2;
  }
  // pnpm runs scripts in the package folder; INIT_CWD is where the user typed the command.
  const base = process.env.INIT_CWD ?? process.cwd();
  const dataDir = values['data-dir'] ? resolve(base, String(values['data-dir'])) : resolve(REPO_ROOT, '.local');
  const config = values.config ? resolve(base, String(values.config)) : undefined;

  let stack: LocalStack;
  try {
    stack = await startLocalStack({
      port,
      host: values.host as string | undefined,
      stage: values.stage as string | undefined,
      dataDir,
      inMemory: values['in-memory'] === true,
      config,
      log: (line) => io.out(`${line}\n`),
    });
  } catch (error) {
    if (error instanceof LocalStackError) {
      io.err(`products-local: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  // An --in-memory run must not overwrite the stack.json of a persistent stack running on that dir.
  const owner = values['in-memory'] === true ? await dataDirOwner(dataDir) : undefined;
  const stackJson = owner === undefined ? await writeStackJson(dataDir, stack) : `not written: ${dataDir} belongs to the stack of process ${owner}`;
  io.out(banner(stack, stackJson, values['in-memory'] === true));

  return new Promise<number>((done) => {
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) {
        io.err(`products-local: ${signal} again, exiting without waiting.\n`);
        process.exit(1);
      }
      stopping = true;
      io.out(`\nproducts-local: ${signal}, stopping...\n`);
      stack.stop().then(
        () => {
          io.out('products-local: stopped.\n');
          done(0);
        },
        (error: unknown) => {
          io.err(`products-local: error while stopping: ${(error as Error).message}\n`);
          done(1);
        },
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

/**
 * The human banner: URLs, clients (with their secrets: this banner and stack.json are the one
 * deliberate place they are shown) and curl commands for the walkthrough's Step 4, whose paths
 * and scopes are read from the spec's operations (by operationId), not written here.
 * @example io.out(banner(stack, '.local/stack.json', false));
 */
export function banner(stack: LocalStack, stackJson: string, inMemory: boolean, model: ContractModel = generatedModel): string {
  const ops = model.operations;
  const op = (operationId: string) => ops.find((o) => o.operationId === operationId);
  const create = op('createProduct');
  const list = op('listProducts');
  const remove = op('deleteProduct');
  const createScope = create?.security?.scopes[0] ?? '';
  const url = (path: string, id?: string): string => `${stack.apiUrl}${id === undefined ? path : path.replace(/\{[^}]+\}/, id)}`;
  const admin = stack.clients[0]!;
  const origin = stack.tokenUrl.replace(/\/oauth2\/token$/, '');
  const tokenCmd = (scope?: string): string =>
    `curl -s -X POST --user '${admin.clientId}:${admin.clientSecret}' '${stack.tokenUrl}?grant_type=client_credentials${scope ? `&scope=${scope}` : ''}' -H 'Content-Type: application/x-www-form-urlencoded' | node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).access_token'`;
  const step4 =
    create && list && remove
      ? [
          "The walkthrough's Step 4, ready to paste (bash):",
          '',
          `  # a token with every scope of ${admin.name}`,
          `  TOKEN=$(${tokenCmd()})`,
          '  # create two products, list them, delete one',
          `  curl -i -X POST '${url(create.path)}' -H 'Content-Type: application/json' -H "Authorization: $TOKEN" -d '{"id":"1","name":"android"}'`,
          `  curl -i -X POST '${url(create.path)}' -H 'Content-Type: application/json' -H "Authorization: $TOKEN" -d '{"id":"2","name":"apple"}'`,
          `  curl -i '${url(list.path)}' -H "Authorization: $TOKEN"`,
          `  curl -i -X DELETE '${url(remove.path, '1')}' -H "Authorization: $TOKEN"`,
          `  # a token for ${createScope} only: GET and DELETE answer 401, POST 201`,
          `  CREATE_ONLY=$(${tokenCmd(createScope)})`,
          `  curl -i '${url(list.path)}' -H "Authorization: $CREATE_ONLY"`,
          `  curl -i -X DELETE '${url(remove.path, '2')}' -H "Authorization: $CREATE_ONLY"`,
          `  curl -i -X POST '${url(create.path)}' -H 'Content-Type: application/json' -H "Authorization: $CREATE_ONLY" -d '{"id":"3","name":"pear"}'`,
          '',
        ]
      : [];
  const lines = [
    '',
    'products-local is running',
    '',
    `  API (stage ${stack.stage})  ${stack.apiUrl}`,
    `  token endpoint   ${stack.tokenUrl}`,
    `  issuer           ${stack.issuer}`,
    `  JWKS             ${stack.jwksUrl}`,
    `  docs             ${origin}/docs   (public spec: ${origin}/openapi.yaml; build them with pnpm docs:build)`,
    `  data             ${inMemory ? 'in memory (gone when stopped)' : stack.dataDir}`,
    `  stack.json       ${stackJson}`,
    '',
    'App clients (local credentials: shown here and in stack.json on purpose, never in the logs):',
    ...stack.clients.flatMap((c) => [`  ${c.name}`, `    client id      ${c.clientId}`, `    client secret  ${c.clientSecret}`, `    scopes         ${c.scopes.join(' ')}`]),
    '',
    ...step4,
    'Ctrl-C stops. One JSON access-log line per request follows.',
    `products-local ready at ${stack.apiUrl}`,
    '',
  ];
  return `${lines.join('\n')}\n`;
}

// `pnpm smoke -- --outputs cdk-outputs.json` (or the flags): the walkthrough's Step 4 against a deployment.
// Exit codes: 0 every step passed, 1 a step failed, 2 bad arguments.
import { InfraError } from '../lib/errors.ts';
import { runSmoke } from '../lib/smoke.ts';
import { parseSmokeArgs } from '../lib/smoke-args.ts';

try {
  // pnpm runs package scripts in the package folder; relative paths mean the caller's folder.
  const options = parseSmokeArgs(process.argv.slice(2), process.env, process.env.INIT_CWD ?? process.cwd());
  console.log(`Smoke test of ${options.apiUrl} (token endpoint ${options.tokenUrl}, client ${options.clientId})`);
  const report = await runSmoke({ ...options, log: (line) => console.log(line) });
  console.log(report.ok ? `All ${report.steps.length} steps passed.` : 'Smoke test FAILED.');
  process.exitCode = report.ok ? 0 : 1;
} catch (error) {
  if (error instanceof InfraError) {
    console.error(error.message);
    process.exitCode = 2;
  } else {
    throw error;
  }
}

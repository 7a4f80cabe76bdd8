// The app as `cdk synth` runs it (cdk.json: `npx tsx bin/app.ts`), in a child process: it bundles the
// Lambda itself, reads context, and exits non-zero on a cdk-nag finding or a bad setting.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const infra = join(import.meta.dirname, '..');

function app(context: Record<string, string>): Promise<{ status: number | null; stderr: string; outdir: string }> {
  const outdir = mkdtempSync(join(tmpdir(), 'products-infra-app-'));
  return new Promise((resolve, reject) => {
    // CDK_OUTDIR and CDK_CONTEXT_JSON are how the CDK CLI hands the output folder and -c values to the app.
    const child = spawn(process.execPath, ['--import', 'tsx', 'bin/app.ts'], {
      cwd: infra,
      // CDK's CloudFormation schema validation is left to stack.test.ts (it takes seconds).
      env: { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify(context), CDK_VALIDATION: 'false' },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr, outdir }));
  });
}

describe('bin/app.ts', () => {
  it('synthesizes with context, bundling the Lambda itself, with an empty validation report', async () => {
    const run = await app({ stage: 'qa' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const template = JSON.parse(readFileSync(join(run.outdir, 'ProductsApi.template.json'), 'utf8'));
    const stage = Object.values(template.Resources as Record<string, { Type: string; Properties: { StageName?: string } }>).find(
      (r) => r.Type === 'AWS::ApiGateway::Stage',
    );
    expect(stage?.Properties.StageName).toBe('qa');
    const report = JSON.parse(readFileSync(join(run.outdir, 'validation-report.json'), 'utf8'));
    expect(report.pluginReports).toEqual([]);
    expect(existsSync(join(infra, '.build', 'handler', 'index.mjs'))).toBe(true);
  });

  it('stops on a bad setting, naming it', async () => {
    const run = await app({ removalPolicy: 'maybe' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('Context "removalPolicy" is "maybe"');
  });
});

describe('cdk synth (the CLI, as `pnpm --filter infra synth` runs it)', () => {
  it('synthesizes offline through cdk.json, with no AWS credentials', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'products-infra-cli-'));
    // No credentials and no region: the stack is environment-agnostic and must not need them.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
    const run = await new Promise<{ status: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(join(infra, 'node_modules', '.bin', 'cdk'), ['synth', '--quiet', '--output', outdir], {
        cwd: infra,
        env: { ...env, CDK_VALIDATION: 'false' },
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stderr }));
    });
    expect(run.status, run.stderr).toBe(0);
    const template = JSON.parse(readFileSync(join(outdir, 'ProductsApi.template.json'), 'utf8'));
    const types = new Set(Object.values(template.Resources as Record<string, { Type: string }>).map((r) => r.Type));
    for (const type of ['AWS::ApiGateway::RestApi', 'AWS::Cognito::UserPool', 'AWS::DynamoDB::Table', 'AWS::Lambda::Function']) {
      expect(types.has(type), type).toBe(true);
    }
  }, 120_000);
});

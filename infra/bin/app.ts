// The CDK app entry (`cdk.json` runs it with tsx: no build step). Env-agnostic: synthesis needs no AWS
// credentials and makes no lookups; `cdk deploy` takes the account and region from the CLI's profile.
import { buildApp } from '../lib/app.ts';

buildApp().app.synth();

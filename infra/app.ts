/**
 * The CDK app: `npx cdk synth` / `npx cdk deploy` (cdk.json runs this file with tsx).
 * Settings: the stage's file infra/stages/<stage>.json, overridden by context (-c key=value); the
 * stage itself is context (-c stage=prod, default dev). See infra/config.ts.
 */
import { App, Tags } from 'aws-cdk-lib';
import { readConfig } from './config';
import { registerNagPacks } from './nag';
import { GreenShieldStack } from './stacks/green-shield-stack';

const app = new App();
const config = readConfig(app.node);

// Environment-agnostic on purpose: the template resolves the partition, region and account at
// deploy time, so the same synth deploys to aws and aws-cn regions.
const stack = new GreenShieldStack(app, `GreenShield-${config.stage}`, {
  config,
  description: `Green Shield ${config.stage}: district environmental co-governance (complaints, officers, notifications)`,
});
Tags.of(stack).add('project', 'green-shield');
Tags.of(stack).add('stage', config.stage);

registerNagPacks(app);
app.synth();

/**
 * cdk-nag rule packs run on every synth. Any unacknowledged finding fails the synth; each
 * acknowledgement sits next to the construct it concerns, with its reason.
 */
import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks, type NagPack } from 'cdk-nag';

export function nagPacks(app?: App): NagPack[] {
  return [new AwsSolutionsChecks(app, { verbose: true }), new ServerlessChecks(app, { verbose: true })];
}

export function registerNagPacks(app: App): void {
  Validations.of(app).addPlugins(...nagPacks(app));
}

/**
 * The AwsSolutions-IAM5 (wildcard) findings that the CDK grants of a ServiceFunction produce, each
 * acknowledged with why the wildcard is as narrow as the access it stands for. Findings name the
 * granted resource by logical id, so they are computed from the actual resources.
 */
import { Validations, type CfnElement, type Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { FunctionSpec } from '../../functions/src/lambdas';
import type { ServiceFunctionResources } from './service-function';

const arnOf = (stack: Stack, resource: IConstruct): string => `<${stack.getLogicalId(resource.node.defaultChild as CfnElement)}.Arn>`;

/** The object-level action groups bucket.grantRead / grantReadWrite use. */
const S3_READ_ACTIONS = ['s3:GetObject*', 's3:GetBucket*', 's3:List*'];
const S3_WRITE_ACTIONS = ['s3:DeleteObject*', 's3:Abort*'];

export function acknowledgeGrantWildcards(scope: IConstruct, stack: Stack, spec: FunctionSpec, resources: ServiceFunctionResources): void {
  const validations = Validations.of(scope);
  const ack = (finding: string, reason: string) => validations.acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });

  ack(
    `Resource::${arnOf(stack, resources.table)}/index/*`,
    `The ${spec.grants.table} grant on the one application table extends to its global secondary indexes (queues, listings by user and street), whose ARNs are <table>/index/<name>; no other table is covered.`,
  );

  if (spec.grants.uploads) {
    const uploadsReason =
      'bucket.grant' +
      (spec.grants.uploads === 'readwrite' ? 'ReadWrite' : 'Read') +
      ' on the upload bucket only: presigning uploads and downloads, HeadObject/ranged GetObject to check an upload, CopyObject from uploads/ to photos/ and DeleteObjects of the originals. The action groups (GetObject*, List*, DeleteObject*, Abort*) are the standard CDK sets and every object of this bucket is in scope by design.';
    const actions = spec.grants.uploads === 'readwrite' ? [...S3_READ_ACTIONS, ...S3_WRITE_ACTIONS] : S3_READ_ACTIONS;
    for (const action of actions) ack(`Action::${action}`, uploadsReason);
    ack(`Resource::${arnOf(stack, resources.uploads)}/*`, uploadsReason);
  }
}

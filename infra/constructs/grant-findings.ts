/**
 * The AwsSolutions-IAM5 (wildcard) findings that the grants of a ServiceFunction produce, each
 * acknowledged with why the wildcard is as narrow as the access it stands for. Findings name the
 * granted resource by logical id, so they are computed from the actual resources.
 */
import { Validations, type CfnElement, type Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { OBJECT_PREFIXES } from '@green-shield/shared/api/upload-keys';
import type { FunctionSpec } from '../../functions/src/lambdas';
import type { ServiceFunctionResources } from './service-function';

const arnOf = (stack: Stack, resource: IConstruct): string => `<${stack.getLogicalId(resource.node.defaultChild as CfnElement)}.Arn>`;

export function acknowledgeGrantWildcards(scope: IConstruct, stack: Stack, spec: FunctionSpec, resources: ServiceFunctionResources): void {
  const validations = Validations.of(scope);
  const ack = (finding: string, reason: string) => validations.acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
  const { table, uploads } = spec.grants;

  if (table.lists?.length) {
    ack(
      `Resource::${arnOf(stack, resources.table)}/index/*`,
      `Query only, on the global secondary indexes of the one application table (queues, listings by user and street), and only of the index partitions whose keys start as the function's grant names (dynamodb:LeadingKeys: ${table.lists.join(', ')}).`,
    );
  }

  if (uploads) {
    const prefixes = [...new Set([...uploads.read, ...(uploads.write ?? []), ...(uploads.delete ?? [])])];
    for (const prefix of prefixes) {
      ack(
        `Resource::${arnOf(stack, resources.uploads)}/${OBJECT_PREFIXES[prefix]}*`,
        `The objects under ${OBJECT_PREFIXES[prefix]} of the upload bucket, whose keys the server makes per upload (shared/src/api/upload-keys.ts): the function's grants name this prefix for ${(['read', 'write', 'delete'] as const).filter((kind) => uploads[kind]?.includes(prefix)).join(', ')}.`,
      );
    }
  }
}

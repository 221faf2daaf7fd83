/**
 * Which items of the table a function may touch, by partition-key family (store/keys.ts), and what a
 * table command touches as IAM sees it. The CDK app turns each function's grant into policies whose
 * `dynamodb:LeadingKeys` conditions allow exactly those families (infra/constructs/table-grants.ts);
 * the local system refuses every command a grant does not cover the same way, so the integration
 * and browser tests fail where production would answer AccessDenied.
 *
 * How IAM reads a command: GetItem, BatchGetItem, a Query of the table and a transaction's
 * ConditionCheck read the items' partitions; PutItem, UpdateItem, DeleteItem, BatchWriteItem and a
 * transaction's writes write them; a Query of an index reads the index's partition (its own
 * partition key is the leading key); Scan names no key, so no grant allows it.
 */
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactGetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ITEM_PARTITIONS, type ItemFamily, LIST_PARTITIONS, type ListFamily } from './keys';
import { TABLE_DEFINITION } from './table-definition';

/** What a function may do with the table. Reading covers what it writes too. */
export interface TableGrant {
  /** Item families it reads (GetItem, BatchGetItem, Query of the table, ConditionCheck). */
  read: readonly ItemFamily[];
  /** Item families it writes (PutItem, UpdateItem, DeleteItem, BatchWriteItem). */
  write?: readonly ItemFamily[];
  /** Index partitions it queries. */
  lists?: readonly ListFamily[];
}

export type TableAccess =
  | { kind: 'read' | 'write'; partition: string }
  | { kind: 'list'; index: string; partition: string }
  | { kind: 'unknown'; command: string };

/** The `dynamodb:LeadingKeys` pattern of a family: a prefix (`USER#`) matches every key it starts, another family is one partition. */
export const leadingKeyPattern = (family: string): string => (family.endsWith('#') ? `${family}*` : family);

const inFamily = (partition: string, family: string) => (family.endsWith('#') ? partition.startsWith(family) : partition === family);

/** Every family a grant allows for each kind of access. */
export function grantedFamilies(grant: TableGrant): { read: string[]; write: string[]; list: string[] } {
  const write = (grant.write ?? []).map((family) => ITEM_PARTITIONS[family]);
  return {
    read: [...new Set([...grant.read.map((family) => ITEM_PARTITIONS[family]), ...write])],
    write,
    list: (grant.lists ?? []).map((family) => LIST_PARTITIONS[family]),
  };
}

/** The accesses a grant does not allow. */
export function refusedAccesses(grant: TableGrant, accesses: readonly TableAccess[]): TableAccess[] {
  const families = grantedFamilies(grant);
  return accesses.filter((access) => access.kind === 'unknown' || !families[access.kind].some((family) => inFamily(access.partition, family)));
}

type Key = Record<string, unknown> | undefined;
const partitionOf = (key: Key) => String(key?.[TABLE_DEFINITION.partitionKey]);

/** The value a Query's key condition gives the partition key of the table or of its index. */
function queriedPartition(input: QueryCommand['input']): string {
  const index = input.IndexName && TABLE_DEFINITION.globalIndexes.find((candidate) => candidate.indexName === input.IndexName);
  const partitionKey = index ? index.partitionKey : TABLE_DEFINITION.partitionKey;
  for (const [, name, value] of (input.KeyConditionExpression ?? '').matchAll(/([#\w]+)\s*=\s*(:\w+)/g)) {
    const attribute = name.startsWith('#') ? input.ExpressionAttributeNames?.[name] : name;
    if (attribute === partitionKey) return String(input.ExpressionAttributeValues?.[value]);
  }
  return '';
}

/** What one command of the document client touches. */
export function accessesOf(command: unknown): TableAccess[] {
  if (command instanceof GetCommand) return [{ kind: 'read', partition: partitionOf(command.input.Key) }];
  if (command instanceof PutCommand) return [{ kind: 'write', partition: partitionOf(command.input.Item) }];
  if (command instanceof UpdateCommand || command instanceof DeleteCommand) return [{ kind: 'write', partition: partitionOf(command.input.Key) }];
  if (command instanceof QueryCommand) {
    const partition = queriedPartition(command.input);
    return [command.input.IndexName ? { kind: 'list', index: command.input.IndexName, partition } : { kind: 'read', partition }];
  }
  if (command instanceof BatchGetCommand) {
    return Object.values(command.input.RequestItems ?? {}).flatMap((request) =>
      (request.Keys ?? []).map((key) => ({ kind: 'read' as const, partition: partitionOf(key) })),
    );
  }
  if (command instanceof BatchWriteCommand) {
    return Object.values(command.input.RequestItems ?? {}).flatMap((requests) =>
      requests.map((request) => ({ kind: 'write' as const, partition: partitionOf(request.PutRequest?.Item ?? request.DeleteRequest?.Key) })),
    );
  }
  if (command instanceof TransactWriteCommand) {
    return (command.input.TransactItems ?? []).map((item) =>
      item.ConditionCheck
        ? { kind: 'read' as const, partition: partitionOf(item.ConditionCheck.Key) }
        : { kind: 'write' as const, partition: partitionOf(item.Put?.Item ?? item.Update?.Key ?? item.Delete?.Key) },
    );
  }
  if (command instanceof TransactGetCommand)
    return (command.input.TransactItems ?? []).map((item) => ({ kind: 'read' as const, partition: partitionOf(item.Get?.Key) }));
  return [{ kind: 'unknown', command: (command as object)?.constructor?.name ?? String(command) }];
}

/** One line per refused access, naming the function: what a local AccessDenied says. */
export function describeRefusal(functionName: string, access: TableAccess): string {
  if (access.kind === 'unknown') return `${functionName} may not send ${access.command} (no grant covers it)`;
  const where = access.kind === 'list' ? `${access.index} partition` : 'partition';
  return `${functionName} may not ${access.kind} ${where} ${access.partition}: no family of its grants.table (functions/src/lambdas.ts) covers it`;
}

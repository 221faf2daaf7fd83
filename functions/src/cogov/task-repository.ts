/**
 * Patrol tasks and their claims in the table: a task and its claims share a partition; the task
 * counts its claims, and a claim and the count change in one transaction whose condition keeps the
 * count within the task's capacity, however many volunteers claim at once.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { keys } from '../store/keys';
import { failedConditionIndex, queryPartition, stripKeys, transact, type TransactItems } from '../store/operations';
import { countUpTo, getItem, queryEvery, queryPage } from '../store/queries';
import { cogovEventItem, patrolTaskItem, taskClaimItem } from './items';
import type { CogovEventRecord, PatrolTaskRecord, TaskClaimRecord } from './records';
import { CogovTable } from './cogov-table';

const PAGE_SIZE = 20;
/** Claims racing for the last places collide in DynamoDB's transactions; each retries after a short random wait. */
const CONFLICT_RETRIES = 8;

export type ClaimOutcome = 'claimed' | 'already-claimed' | 'full' | 'closed';

const conflicted = (cancelled: TransactionCanceledException) => cancelled.CancellationReasons?.some((reason) => reason.Code === 'TransactionConflict') ?? false;

export class TaskRepository extends CogovTable {
  /** Writes a new task with its idempotency record; false when the key was taken meanwhile. */
  async create(task: PatrolTaskRecord, event: CogovEventRecord, idempotencyRecord: TransactItems[number]): Promise<boolean> {
    return (await this.writeNew(patrolTaskItem(task), cogovEventItem(keys.patrolTaskCollection(task.id), event), idempotencyRecord)) === 'ok';
  }

  get(id: string, consistent = false): Promise<PatrolTaskRecord | undefined> {
    return getItem<PatrolTaskRecord>(this.db, this.tableName, keys.patrolTask(id), consistent);
  }

  /** The task with its claims, one query. */
  async getWithClaims(id: string): Promise<{ task: PatrolTaskRecord; claims: TaskClaimRecord[] } | undefined> {
    const items = await queryPartition(this.db, this.tableName, keys.patrolTaskCollection(id));
    const task = items.find((item) => item.sk === keys.patrolTask(id).sk);
    if (!task) return undefined;
    const claims = items.filter((item) => String(item.sk).startsWith(keys.taskClaimPrefix)).map((item) => stripKeys<TaskClaimRecord>(item));
    return { task: stripKeys<PatrolTaskRecord>(task), claims };
  }

  getClaim(taskId: string, userId: string): Promise<TaskClaimRecord | undefined> {
    return getItem<TaskClaimRecord>(this.db, this.tableName, keys.taskClaim(taskId, userId), true);
  }

  /**
   * Claims a place: the count goes up only while the task is published, not over, and below its
   * capacity, and the claim is written only if the volunteer has none; both or neither.
   */
  async claim(claim: TaskClaimRecord, now: string): Promise<ClaimOutcome> {
    for (let attempt = 0; ; attempt++) {
      const cancelled = await transact(this.db, [
        {
          Update: {
            TableName: this.tableName,
            Key: keys.patrolTask(claim.taskId),
            UpdateExpression: 'SET #claimed = #claimed + :one',
            ConditionExpression: '#status = :published AND #endsAt > :now AND #claimed < #capacity',
            ExpressionAttributeNames: { '#status': 'status', '#claimed': 'claimed', '#capacity': 'capacity', '#endsAt': 'endsAt' },
            ExpressionAttributeValues: { ':one': 1, ':published': 'published', ':now': now },
          },
        },
        { Put: { TableName: this.tableName, Item: taskClaimItem(claim), ConditionExpression: 'attribute_not_exists(pk)' } },
      ]);
      if (!cancelled) return 'claimed';
      if (conflicted(cancelled) && attempt < CONFLICT_RETRIES) {
        await sleep(10 + Math.random() * 40 * (attempt + 1));
        continue;
      }
      const failed = failedConditionIndex(cancelled);
      if (failed === 1 || (await this.getClaim(claim.taskId, claim.userId))) return 'already-claimed';
      if (failed !== 0) throw cancelled;
      const task = await this.get(claim.taskId, true);
      return task && task.status === 'published' && task.endsAt > now ? 'full' : 'closed';
    }
  }

  /** Gives a place back, only before check-in; false when there is no such claim or it was checked in. */
  async release(taskId: string, userId: string): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      const cancelled = await transact(this.db, [
        {
          Delete: {
            TableName: this.tableName,
            Key: keys.taskClaim(taskId, userId),
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(checkedInAt)',
          },
        },
        {
          Update: {
            TableName: this.tableName,
            Key: keys.patrolTask(taskId),
            UpdateExpression: 'SET #claimed = #claimed - :one',
            ConditionExpression: '#claimed > :zero',
            ExpressionAttributeNames: { '#claimed': 'claimed' },
            ExpressionAttributeValues: { ':one': 1, ':zero': 0 },
          },
        },
      ]);
      if (!cancelled) return true;
      if (conflicted(cancelled) && attempt < CONFLICT_RETRIES) {
        await sleep(10 + Math.random() * 40 * (attempt + 1));
        continue;
      }
      if (failedConditionIndex(cancelled) < 0) throw cancelled;
      return false;
    }
  }

  /** Replaces a claim (check-in, check-out) if it still stands as it was read: `unless` names the attribute the step sets, which must be unset. */
  async updateClaim(next: TaskClaimRecord, unless: 'checkedInAt' | 'checkedOutAt'): Promise<boolean> {
    const cancelled = await transact(this.db, [
      { Put: { TableName: this.tableName, Item: taskClaimItem(next), ConditionExpression: `attribute_exists(pk) AND attribute_not_exists(${unless})` } },
    ]);
    if (cancelled && failedConditionIndex(cancelled) < 0) throw cancelled;
    return !cancelled;
  }

  /** Cancels a task, if nobody changed it since `expectedVersion` (its claim count aside). */
  async cancel(next: PatrolTaskRecord, expectedVersion: number, event: CogovEventRecord): Promise<boolean> {
    const cancelled = await transact(this.db, [
      {
        Update: {
          TableName: this.tableName,
          Key: keys.patrolTask(next.id),
          UpdateExpression: 'SET #status = :cancelled, #version = :next',
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
          ExpressionAttributeValues: { ':cancelled': 'cancelled', ':next': next.version, ':expected': expectedVersion },
        },
      },
      { Put: { TableName: this.tableName, Item: cogovEventItem(keys.patrolTaskCollection(next.id), event) } },
    ]);
    if (cancelled && failedConditionIndex(cancelled) < 0) throw cancelled;
    return !cancelled;
  }

  /** A street's tasks: from `endingAfter` on, soonest ending first (the current ones); or all, latest ending first. */
  listOfStreet(districtCode: string, streetCode: string, endingAfter: string | undefined, cursor: string | undefined) {
    const list = { index: 'GSI1' as const, partition: keys.patrolTasksOfStreet(districtCode, streetCode), cursor, limit: PAGE_SIZE };
    return queryPage<PatrolTaskRecord>(this.db, this.tableName, endingAfter ? { ...list, after: endingAfter } : { ...list, newestFirst: true });
  }

  /** Every claim of a volunteer (their own history: bounded by what one person does). */
  claimsOf(userId: string): Promise<TaskClaimRecord[]> {
    return queryEvery<TaskClaimRecord>(this.db, this.tableName, { index: 'GSI1', partition: keys.tasksClaimedBy(userId) });
  }

  /** A volunteer's claims a page at a time, the latest starting first (their own tasks, over or not). */
  claimsPageOf(userId: string, cursor: string | undefined) {
    return queryPage<TaskClaimRecord>(this.db, this.tableName, {
      index: 'GSI1',
      partition: keys.tasksClaimedBy(userId),
      newestFirst: true,
      cursor,
      limit: PAGE_SIZE,
    });
  }

  countCurrent(districtCode: string, streetCode: string, now: string, cap: number) {
    return countUpTo(this.db, this.tableName, { index: 'GSI1', partition: keys.patrolTasksOfStreet(districtCode, streetCode), after: now }, cap);
  }
}

/**
 * Users, phone index, sign-in codes and the audit trail of role grants in the table.
 */
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Role } from '@green-shield/shared/api/endpoint';
import { keys } from '../store/keys';
import { queryPartition, stripKeys, transact, unlessConditionFails } from '../store/operations';

export interface UserRecord {
  id: string;
  phone: string;
  phoneHash: string;
  roles: Role[];
  name?: string;
  streetCode?: string;
  districtCode: string;
  createdAt: string;
  /** The user's openid in the WeChat mini-program, once they signed in there (for subscribe messages). */
  wechatOpenId?: string;
}

/** One change of roles, written in the same transaction as the change. */
export interface AuditEventRecord {
  eventId: string;
  at: string;
  districtCode: string;
  action: 'role_granted';
  role: Role;
  targetUserId: string;
  phoneMasked: string;
  /** The admin's user id, or `cli:<who>@<host>` for the one-off command. */
  actor: string;
  /** Why an exception was made, e.g. an admin created while others existed (`--force`). */
  note?: string;
}

export interface OtpRecord {
  codeHash: string;
  sentAt: string;
  expiresAtMs: number;
  attempts: number;
}

const epochSeconds = (ms: number) => Math.floor(ms / 1000);

export class IdentityRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getUser(userId: string, consistent = false): Promise<UserRecord | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.user(userId), ConsistentRead: consistent }));
    return Item as UserRecord | undefined;
  }

  async findUserIdByPhone(phoneHash: string): Promise<string | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.phone(phoneHash), ConsistentRead: true }));
    return Item?.userId as string | undefined;
  }

  /** Creates the user and claims the phone number in one transaction (with its audit event); false if the number is taken. */
  async createUser(user: UserRecord, audit?: AuditEventRecord): Promise<boolean> {
    const officerIndex = user.roles.some((role) => role !== 'resident') ? { ...keys.officersIndex(user.districtCode, user.streetCode), gsi1sk: user.id } : {};
    const cancelled = await transact(this.db, [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...keys.phone(user.phoneHash), entity: 'PhoneClaim', userId: user.id },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: this.tableName,
          Item: { ...keys.user(user.id), entity: 'User', ...user, ...officerIndex },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...(audit ? [this.auditPut(audit)] : []),
    ]);
    return !cancelled;
  }

  private auditPut(audit: AuditEventRecord) {
    return {
      Put: {
        TableName: this.tableName,
        Item: { ...keys.auditEvent(audit.districtCode, audit.at, audit.eventId), entity: 'AuditEvent', ...audit },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  /** The district's role grants, oldest first. */
  async auditTrail(districtCode: string): Promise<AuditEventRecord[]> {
    const items = await queryPartition(this.db, this.tableName, keys.auditTrail(districtCode));
    return items.map((item) => stripKeys<AuditEventRecord>(item));
  }

  /** Remembers the user's WeChat openid (kept for subscribe messages); a no-op when unchanged. */
  async rememberWechatOpenId(userId: string, openId: string): Promise<void> {
    await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.user(userId),
          UpdateExpression: 'SET wechatOpenId = :openId',
          ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(wechatOpenId) OR wechatOpenId <> :openId)',
          ExpressionAttributeValues: { ':openId': openId },
        }),
      ),
    );
  }

  /** Changes an existing account's roles with its audit event, in one transaction. */
  async updateOfficer(
    userId: string,
    changes: Pick<UserRecord, 'roles' | 'name' | 'streetCode' | 'districtCode'>,
    audit: AuditEventRecord,
  ): Promise<UserRecord> {
    const cancelled = await transact(this.db, [
      {
        Update: {
          TableName: this.tableName,
          Key: keys.user(userId),
          UpdateExpression: `SET #roles = :roles, #name = :name, gsi1pk = :gsi1pk, gsi1sk = :id${changes.streetCode ? ', streetCode = :street' : ' REMOVE streetCode'}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#roles': 'roles', '#name': 'name' },
          ExpressionAttributeValues: {
            ':roles': changes.roles,
            ':name': changes.name,
            ':gsi1pk': keys.officersIndex(changes.districtCode, changes.streetCode).gsi1pk,
            ':id': userId,
            ...(changes.streetCode ? { ':street': changes.streetCode } : {}),
          },
        },
      },
      this.auditPut(audit),
    ]);
    if (cancelled) throw new Error(`Account ${userId} vanished while its roles changed`);
    const updated = await this.getUser(userId, true);
    if (!updated) throw new Error(`Account ${userId} vanished after its roles changed`);
    return updated;
  }

  async getOtp(phoneHash: string): Promise<OtpRecord | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.otp(phoneHash), ConsistentRead: true }));
    return Item as OtpRecord | undefined;
  }

  /** Replaces any previous code for the number unless one was sent within the resend interval. */
  async putOtp(phoneHash: string, record: OtpRecord, resendAfterMs: number, nowMs: number): Promise<boolean> {
    const written = await unlessConditionFails(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.otp(phoneHash), entity: 'Otp', ...record, expiresAt: epochSeconds(record.expiresAtMs) + 60 },
          ConditionExpression: 'attribute_not_exists(pk) OR sentAt < :resendBoundary',
          ExpressionAttributeValues: { ':resendBoundary': new Date(nowMs - resendAfterMs).toISOString() },
        }),
      ),
    );
    return Boolean(written);
  }

  /** Counts one verification attempt; returns the record as it was, or undefined when none is left. */
  async consumeOtpAttempt(phoneHash: string, maxAttempts: number): Promise<OtpRecord | undefined> {
    const counted = await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.otp(phoneHash),
          UpdateExpression: 'ADD attempts :one',
          ConditionExpression: 'attribute_exists(pk) AND attempts < :max',
          ExpressionAttributeValues: { ':one': 1, ':max': maxAttempts },
          ReturnValues: 'ALL_OLD',
        }),
      ),
    );
    return counted?.Attributes as OtpRecord | undefined;
  }

  /** Deletes the code only if it is still the one verified, so a code signs in once. */
  async deleteOtp(phoneHash: string, codeHash: string): Promise<boolean> {
    const deleted = await unlessConditionFails(
      this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: keys.otp(phoneHash),
          ConditionExpression: 'codeHash = :hash',
          ExpressionAttributeValues: { ':hash': codeHash },
        }),
      ),
    );
    return Boolean(deleted);
  }
}

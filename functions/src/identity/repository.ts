/**
 * Users, phone index, sign-in codes and rate-limit windows in the table.
 */
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Role } from '@green-shield/shared/api/endpoints';
import { keys } from '../store/keys';
import { transact, unlessConditionFails } from '../store/operations';

export interface UserRecord {
  id: string;
  phone: string;
  phoneHash: string;
  roles: Role[];
  name?: string;
  streetCode?: string;
  districtCode: string;
  createdAt: string;
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

  async getUser(userId: string): Promise<UserRecord | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.user(userId) }));
    return Item as UserRecord | undefined;
  }

  async findUserIdByPhone(phoneHash: string): Promise<string | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.phone(phoneHash), ConsistentRead: true }));
    return Item?.userId as string | undefined;
  }

  /** Creates the user and claims the phone number in one transaction; false if the number is taken. */
  async createUser(user: UserRecord): Promise<boolean> {
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
    ]);
    return !cancelled;
  }

  async updateOfficer(userId: string, changes: Pick<UserRecord, 'roles' | 'name' | 'streetCode' | 'districtCode'>): Promise<UserRecord> {
    const { Attributes } = await this.db.send(
      new UpdateCommand({
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
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes as UserRecord;
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

  async putRefreshToken(tokenHash: string, userId: string, expiresAtMs: number): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.refreshToken(tokenHash), entity: 'RefreshToken', userId, expiresAtMs, expiresAt: epochSeconds(expiresAtMs) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  /**
   * Marks the token used and returns what it was. A used token still works for `graceMs` after its
   * first use, so an app killed mid-refresh (which never stored the new token) is not signed out.
   */
  async consumeRefreshToken(tokenHash: string, nowMs: number, graceMs: number): Promise<{ userId: string; expiresAtMs: number } | undefined> {
    const used = await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.refreshToken(tokenHash),
          UpdateExpression: 'SET usedAtMs = if_not_exists(usedAtMs, :now)',
          ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(usedAtMs) OR usedAtMs > :graceStart)',
          ExpressionAttributeValues: { ':now': nowMs, ':graceStart': nowMs - graceMs },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return used && { userId: used.Attributes!.userId as string, expiresAtMs: used.Attributes!.expiresAtMs as number };
  }

  async deleteRefreshToken(tokenHash: string): Promise<boolean> {
    const { Attributes } = await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.refreshToken(tokenHash), ReturnValues: 'ALL_OLD' }));
    return Boolean(Attributes);
  }

  /** Fixed-window counter; false once the window's limit is reached. */
  async takeRateToken(scope: string, subject: string, window: string, limit: number, windowEndsMs: number): Promise<boolean> {
    const taken = await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.rateWindow(scope, subject, window),
          UpdateExpression: 'ADD hits :one SET expiresAt = :ttl',
          ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
          ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':ttl': epochSeconds(windowEndsMs) + 60 },
        }),
      ),
    );
    return Boolean(taken);
  }
}

/**
 * Users, phone index and sign-in codes in the table.
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
}

/**
 * User profiles as the contexts that do not own them see them. Identity writes profiles; complaints,
 * the registry and notifications read them through this port. It sits in store/ beside its one
 * adapter because a profile is a table item whose keys live in `keys.ts`.
 */
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Role } from '@green-shield/shared/api/endpoint';
import { keys } from './keys';
import { queryEvery } from './queries';

export interface DirectoryUser {
  id: string;
  phone: string;
  name?: string;
  roles: Role[];
  streetCode?: string;
  /** The user's openid in the WeChat mini-program, once they signed in there (subscribe messages go to it). */
  wechatOpenId?: string;
}

export interface UserDirectory {
  /** Name, phone and roles of a user, for complainant details and assignment checks. */
  get(userId: string): Promise<DirectoryUser | undefined>;
  /** The officers of a street, or the bureau's officers without one. */
  officers(districtCode: string, streetCode: string | undefined): Promise<DirectoryUser[]>;
}

/** A district has a few dozen officers per street; one page holds them. */
const OFFICERS_LIMIT = 200;

function toDirectoryUser(item: Record<string, unknown>): DirectoryUser {
  return {
    id: item.id as string,
    phone: item.phone as string,
    name: item.name as string | undefined,
    roles: item.roles as Role[],
    streetCode: item.streetCode as string | undefined,
    wechatOpenId: item.wechatOpenId as string | undefined,
  };
}

export class TableUserDirectory implements UserDirectory {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(userId: string): Promise<DirectoryUser | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.user(userId) }));
    return Item ? toDirectoryUser(Item) : undefined;
  }

  async officers(districtCode: string, streetCode: string | undefined): Promise<DirectoryUser[]> {
    const profiles = await queryEvery<Record<string, unknown>>(
      this.db,
      this.tableName,
      { index: 'GSI1', partition: keys.officersIndex(districtCode, streetCode).gsi1pk },
      OFFICERS_LIMIT,
    );
    return profiles.map(toDirectoryUser);
  }
}

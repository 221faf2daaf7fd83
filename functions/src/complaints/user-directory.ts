import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../store/keys';
import type { UserDirectory } from './service';

/** Reads user profiles that identity writes; complaints never writes them. */
export class TableUserDirectory implements UserDirectory {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(userId: string) {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.user(userId) }));
    if (!Item) return undefined;
    return {
      id: Item.id as string,
      phone: Item.phone as string,
      name: Item.name as string | undefined,
      roles: Item.roles as string[],
      streetCode: Item.streetCode as string | undefined,
    };
  }
}

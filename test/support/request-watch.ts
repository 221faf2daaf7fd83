import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Lets a test see (count, or act on) each command's input before the client sends it. */
export function beforeEachRequest(db: DynamoDBDocumentClient, see: (input: Record<string, unknown>) => void | Promise<void>): void {
  db.middlewareStack.add(
    (next) => async (args) => {
      await see(args.input as Record<string, unknown>);
      return next(args);
    },
    { step: 'initialize' },
  );
}

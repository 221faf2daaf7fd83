/**
 * The identity function. It links operators to sources (only identity may turn a phone number into
 * an account), so it is composed here, above both contexts: identity's handler with the registry's
 * repositories as its `SourceOperatorLinks`.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createIdentityHandler, identityDepsFromEnv } from '../identity/handler';
import type { SourceOperatorLinks } from '../identity/service';
import { OperatorLinkRepository } from '../sources/operator-link-repository';
import { SourceRepository } from '../sources/repository';
import { lazy } from '../store/runtime';

export function sourceOperatorLinks(db: DynamoDBDocumentClient, tableName: string): SourceOperatorLinks {
  const sources = new SourceRepository(db, tableName);
  const links = new OperatorLinkRepository(db, tableName);
  return { get: (sourceId) => sources.get(sourceId), link: (link, event) => links.link(link, event) };
}

export const handler = /* @__PURE__ */ lazy(() => {
  const deps = identityDepsFromEnv();
  return createIdentityHandler({ ...deps, sourceOperators: sourceOperatorLinks(deps.db, deps.tableName) });
});

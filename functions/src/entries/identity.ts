/**
 * The identity function. It links operators to sources (only identity may turn a phone number into
 * an account), so it is composed here, above both contexts: identity's handler with the registry's
 * repository as its `SourceOperatorLinks`.
 */
import { createIdentityHandler, identityDepsFromEnv } from '../identity/handler';
import { SourceRepository } from '../sources/repository';
import { lazy } from '../store/runtime';

export const handler = lazy(() => {
  const deps = identityDepsFromEnv();
  return createIdentityHandler({ ...deps, sourceOperators: new SourceRepository(deps.db, deps.tableName) });
});

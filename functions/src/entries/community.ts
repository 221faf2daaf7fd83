/**
 * The community function: volunteers, patrol tasks, observations (triaged into complaints or joint
 * inspection requests), second looks and the street's desk, composed here above the contexts
 * (co-governance's handler, the registry's reads and complaints as its ports).
 */
import { createCommunityHandler } from '../cogov/handler';
import { objectStoreFromEnv } from '../lib/s3-object-store';
import { apiDepsFromEnv, lazy } from '../store/runtime';
import { complaintDesk, complaintFiling, complaintRecords } from './complaint-ports';
import { type PortDeps, sourceDirectory, sourceFacts } from './registry-ports';

export function communityPorts(deps: PortDeps) {
  return {
    sources: sourceDirectory(deps),
    facts: sourceFacts(deps),
    complaints: { ...complaintDesk(deps), ...complaintRecords(deps) },
    filing: complaintFiling(deps),
  };
}

export const handler = /* @__PURE__ */ lazy(() => {
  const deps = { ...apiDepsFromEnv('community'), objects: objectStoreFromEnv() };
  return createCommunityHandler({ ...deps, ...communityPorts(deps) });
});

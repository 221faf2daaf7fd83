/**
 * The cogov function: joint inspection requests, carried out as the registry's inspections, so it is
 * composed here above the contexts (co-governance's handler, the registry and complaints as its ports).
 */
import { createCogovHandler } from '../cogov/handler';
import { objectStoreFromEnv } from '../lib/s3-object-store';
import { apiDepsFromEnv, lazy } from '../store/runtime';
import { complaintDesk } from './complaint-ports';
import { type PortDeps, sourceDirectory, sourceInspections } from './registry-ports';

export function cogovPorts(deps: PortDeps) {
  return { sources: sourceDirectory(deps), inspections: sourceInspections(deps), complaints: complaintDesk(deps) };
}

export const handler = /* @__PURE__ */ lazy(() => {
  const deps = { ...apiDepsFromEnv('cogov'), objects: objectStoreFromEnv() };
  return createCogovHandler({ ...deps, ...cogovPorts(deps) });
});

import type { ScheduledEvent } from 'aws-lambda';
import { baseDepsFromEnv, lazy, type BaseDeps } from '../lib/runtime';
import { createComplaintService, objectStoreFromEnv } from '../complaints/handler';
import type { ObjectStore } from '../complaints/object-store';

/** Scheduled job: closes resolutions left unrated past the feedback window. */
export function createAutoCloseHandler(deps: BaseDeps & { objects: ObjectStore }) {
  const service = createComplaintService(deps);
  return async (_event: ScheduledEvent | Record<string, never>) => ({ closed: await service.autoClose(deps.logger) });
}

export const handler = lazy(() => createAutoCloseHandler({ ...baseDepsFromEnv('auto-close'), objects: objectStoreFromEnv() }));

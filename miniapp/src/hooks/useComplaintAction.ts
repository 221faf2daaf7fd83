import type { ComplaintDetailT } from '@green-shield/shared/api/schemas';
import type { Remote } from './useRemote';
import { useRemoteAction, type RemoteAction } from './useRemoteAction';

export type ComplaintAction = RemoteAction<ComplaintDetailT>;

/** An action on the complaint shown by `detail`; "the complaint moved on meanwhile" reloads it. */
export function useComplaintAction(detail: Remote<ComplaintDetailT>): ComplaintAction {
  return useRemoteAction(detail, { codes: ['VERSION_CONFLICT', 'ILLEGAL_TRANSITION'] });
}

import { useCallback } from 'react';
import { useRouter } from '@tarojs/taro';
import type { ComplaintDetailT } from '@green-shield/shared/api/schemas';
import { call } from '../api/client';
import { useRemote, type Remote } from './useRemote';
import { usePullDownReload } from './usePullDownReload';

/** The complaint named by the page's `id` parameter, with its history; loaded again on pull-down. */
export function useComplaintDetail(): Remote<ComplaintDetailT> {
  const id = useRouter().params.id ?? '';
  const detail = useRemote(useCallback(() => call('getComplaint', { params: { id } }), [id]));
  usePullDownReload(detail.reload);
  return detail;
}

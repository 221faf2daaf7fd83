import { useState } from 'react';
import Taro from '@tarojs/taro';
import { ApiError } from '../api/client';
import type { Remote } from './useRemote';
import { PRIMARY_COLOR } from '../styles/colors';

export interface RemoteAction<T> {
  busy: boolean;
  /** The last failure that the form should show (stale views are handled here instead). */
  error: unknown;
  /** Runs the request; true when it went through. */
  run: (request: () => Promise<T>, successMessage: string) => Promise<boolean>;
  /** Forgets the last failure, e.g. when the user turns to another action. */
  clearError: () => void;
}

export interface StaleViewCodes {
  /** Answers meaning "this changed while you were looking at it". */
  codes: ReadonlyArray<ApiError['code']>;
  /** Wording per code where the generic error message would not fit this page. */
  messages?: Partial<Record<ApiError['code'], string>>;
}

/**
 * Performs an action on what `remote` shows: on success the page shows the answer; if someone
 * else changed it first (`stale.codes`), the page reloads and says so in a dialog.
 */
export function useRemoteAction<T>(remote: Remote<T>, stale: StaleViewCodes): RemoteAction<T> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const run = async (request: () => Promise<T>, successMessage: string) => {
    setBusy(true);
    setError(undefined);
    try {
      remote.setData(await request());
      Taro.showToast({ title: successMessage, icon: 'success' });
      return true;
    } catch (failure) {
      if (failure instanceof ApiError && stale.codes.includes(failure.code)) {
        void remote.reload();
        Taro.showModal({ content: stale.messages?.[failure.code] ?? failure.userMessage, showCancel: false, confirmColor: PRIMARY_COLOR });
      } else {
        setError(failure);
      }
      return false;
    } finally {
      setBusy(false);
    }
  };

  return { busy, error, run, clearError: () => setError(undefined) };
}

import { useState } from 'react'
import Taro from '@tarojs/taro'
import type { ComplaintDetailT } from '@green-shield/shared/api/schemas'
import { ApiError } from '../api/client'
import type { Remote } from './useRemote'
import { PRIMARY_COLOR } from '../styles/colors'

/** Answers meaning "the complaint moved on while you were looking at it". */
const STALE_VIEW_CODES: ReadonlyArray<ApiError['code']> = ['VERSION_CONFLICT', 'ILLEGAL_TRANSITION']

export interface ComplaintAction {
  busy: boolean
  /** The last failure that the form should show (stale views are handled here instead). */
  error: unknown
  /** Runs the request; true when it went through. */
  run: (request: () => Promise<ComplaintDetailT>, successMessage: string) => Promise<boolean>
  /** Forgets the last failure, e.g. when the user turns to another action. */
  clearError: () => void
}

/**
 * Performs an action on a complaint shown by `detail`: on success the page shows the answer; if
 * someone else changed the complaint first, the page reloads and says so.
 */
export function useComplaintAction(detail: Remote<ComplaintDetailT>): ComplaintAction {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>()

  const run = async (request: () => Promise<ComplaintDetailT>, successMessage: string) => {
    setBusy(true)
    setError(undefined)
    try {
      detail.setData(await request())
      Taro.showToast({ title: successMessage, icon: 'success' })
      return true
    } catch (failure) {
      if (failure instanceof ApiError && STALE_VIEW_CODES.includes(failure.code)) {
        void detail.reload()
        Taro.showModal({ content: failure.userMessage, showCancel: false, confirmColor: PRIMARY_COLOR })
      } else {
        setError(failure)
      }
      return false
    } finally {
      setBusy(false)
    }
  }

  return { busy, error, run, clearError: () => setError(undefined) }
}

import { useCallback, useEffect, useRef, useState } from 'react'
import { useDidShow } from '@tarojs/taro'

export interface Remote<T> {
  data: T | undefined
  error: unknown
  loading: boolean
  reload: () => Promise<void>
  /** Replace the data with a fresher copy the caller already has (e.g. an action's response). */
  setData: (data: T) => void
}

/**
 * Loads data for a page and keeps loading/error state. With `refreshOnShow` it reloads each time
 * the page comes back into view (returning from a detail page must show the new status).
 * Only the latest request's answer is kept, so quick filter changes cannot show stale results.
 */
export function useRemote<T>(load: (() => Promise<T>) | null, deps: unknown[], options: { refreshOnShow?: boolean } = {}): Remote<T> {
  const [data, setData] = useState<T>()
  const [error, setError] = useState<unknown>()
  const [loading, setLoading] = useState(Boolean(load))
  const latestRequest = useRef(0)

  const reload = useCallback(async () => {
    if (!load) return
    const request = ++latestRequest.current
    setLoading(true)
    setError(undefined)
    try {
      const result = await load()
      if (request === latestRequest.current) setData(result)
    } catch (failure) {
      if (request === latestRequest.current) setError(failure)
    } finally {
      if (request === latestRequest.current) setLoading(false)
    }
  }, deps)

  const firstShow = useRef(true)
  useEffect(() => {
    void reload()
  }, [reload])
  useDidShow(() => {
    // The first show is the initial load above.
    if (firstShow.current) firstShow.current = false
    else if (options.refreshOnShow) void reload()
  })

  return { data, error, loading, reload, setData }
}

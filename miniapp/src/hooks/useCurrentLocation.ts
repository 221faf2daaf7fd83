import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import type * as S from '@green-shield/shared/api/schemas'
import type { z } from 'zod'

export type GeoPoint = z.input<typeof S.GeoPointInput>

export type LocationState = { status: 'locating' } | { status: 'located'; point: GeoPoint } | { status: 'unavailable' }

/** A browser may keep the permission prompt open forever; past this the typed address must do. */
const LOCATION_TIMEOUT_MS = 8000

async function locate(): Promise<GeoPoint> {
  // WeChat reports GCJ-02, the datum of Chinese maps; browsers only know WGS-84. The API converts.
  const coordSystem: GeoPoint['coordSystem'] = process.env.TARO_ENV === 'weapp' ? 'GCJ-02' : 'WGS-84'
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('location timeout')), LOCATION_TIMEOUT_MS))
  const position = await Promise.race([Taro.getLocation({ type: coordSystem === 'GCJ-02' ? 'gcj02' : 'wgs84' }), timeout])
  return { lat: position.latitude, lng: position.longitude, coordSystem }
}

/** The device's position, asked for once on mount and again on `relocate()`; failure is a normal outcome. */
export function useCurrentLocation(): LocationState & { relocate: () => void } {
  const [state, setState] = useState<LocationState>({ status: 'locating' })
  const relocate = useCallback(() => {
    setState({ status: 'locating' })
    locate().then(
      (point) => setState({ status: 'located', point }),
      () => setState({ status: 'unavailable' }),
    )
  }, [])
  useEffect(relocate, [relocate])
  return { ...state, relocate }
}

import { useCallback, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import type * as S from '@green-shield/shared/api/schemas';
import type { z } from 'zod/mini';
import { call } from '../api/client';

export type GeoPoint = z.input<typeof S.GeoPointInput>;

export type LocationState = { status: 'locating' } | { status: 'located'; point: GeoPoint } | { status: 'unavailable' };

/** A browser may keep the permission prompt open forever; past this the typed address must do. */
const LOCATION_TIMEOUT_MS = 8000;

async function locate(): Promise<GeoPoint> {
  // WeChat reports GCJ-02, the datum of Chinese maps; browsers only know WGS-84. The API converts.
  const coordSystem: GeoPoint['coordSystem'] = process.env.TARO_ENV === 'weapp' ? 'GCJ-02' : 'WGS-84';
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('location timeout')), LOCATION_TIMEOUT_MS));
  const position = await Promise.race([Taro.getLocation({ type: coordSystem === 'GCJ-02' ? 'gcj02' : 'wgs84' }), timeout]);
  return { lat: position.latitude, lng: position.longitude, coordSystem };
}

/**
 * The device's position, asked for at once (unless `immediately` is false: then only on
 * `relocate()`, and `unavailable` until then) and again on `relocate()`; failure is a normal outcome.
 */
export function useCurrentLocation(immediately = true): LocationState & { relocate: () => void } {
  const [state, setState] = useState<LocationState>({ status: immediately ? 'locating' : 'unavailable' });
  const relocate = useCallback(() => {
    setState({ status: 'locating' });
    locate().then(
      (point) => setState({ status: 'located', point }),
      () => setState({ status: 'unavailable' }),
    );
  }, []);
  useEffect(() => {
    if (immediately) relocate();
  }, [relocate, immediately]);
  return { ...state, relocate };
}

/**
 * The street (镇) the API places `point` in (`GET /api/district/locate`), once there is a point;
 * `onLocated` hears of it (to pre-select a street the user has not chosen). A failure leaves the
 * street to the user.
 */
export function useLocatedStreet(point: GeoPoint | undefined, onLocated: (streetCode: string) => void): string | undefined {
  const [located, setLocated] = useState<string>();
  const listener = useRef(onLocated);
  listener.current = onLocated;
  useEffect(() => {
    if (!point) return;
    call('locateStreet', { query: point })
      .then(({ streetCode }) => {
        if (!streetCode) return;
        setLocated(streetCode);
        listener.current(streetCode);
      })
      .catch(() => undefined);
  }, [point]);
  return located;
}

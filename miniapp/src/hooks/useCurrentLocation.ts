import { useCallback, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import type * as S from '@green-shield/shared/api/schemas';
import type { StreetSuggestion } from '@green-shield/shared/geo/street-locator';
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
 * WeChat has a map picker of its own (`chooseLocation`: search, drag the pin, a named place and its
 * address, no location permission needed); the H5 build asks the browser for the position instead.
 */
export const PICKS_PLACE_ON_MAP = process.env.TARO_ENV === 'weapp';

/** A place picked on the platform's map: where (GCJ-02, as WeChat's maps give it), its name and address. */
export interface PickedPlace {
  point: GeoPoint;
  name: string;
  address: string;
}

/** Opens WeChat's map picker; undefined when the user closes it without choosing. */
export async function pickPlaceOnMap(): Promise<PickedPlace | undefined> {
  const chosen = await Taro.chooseLocation({}).catch(() => undefined);
  if (!chosen || !Number.isFinite(chosen.latitude) || !Number.isFinite(chosen.longitude)) return undefined;
  return { point: { lat: chosen.latitude, lng: chosen.longitude, coordSystem: 'GCJ-02' }, name: chosen.name ?? '', address: chosen.address ?? '' };
}

/**
 * The street (镇) the API suggests for `point` (`GET /api/district/locate`: inside a configured
 * boundary, else the nearest street), once there is a point; `onSuggested` hears of it (to
 * pre-select a street the user has not chosen). An answer for an older point is dropped; a failure
 * leaves the street to the user.
 */
export function useSuggestedStreet(point: GeoPoint | undefined, onSuggested?: (suggestion: StreetSuggestion) => void): StreetSuggestion | undefined {
  const [suggestion, setSuggestion] = useState<StreetSuggestion>();
  const listener = useRef(onSuggested);
  listener.current = onSuggested;
  useEffect(() => {
    if (!point) return;
    let current = true;
    call('locateStreet', { query: point })
      .then(({ streetCode, basis }) => {
        if (!current) return;
        const next = streetCode && basis ? { streetCode, basis } : undefined;
        setSuggestion(next);
        if (next) listener.current?.(next);
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [point]);
  return suggestion;
}

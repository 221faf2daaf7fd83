/** Areas of joint inspection requests and patrol tasks as stored: WGS-84, a point with its radius (the default when none is given). Pure. */
import type { AreaInputT } from '@green-shield/shared/api/cogov-schemas';
import { COGOV_LIMITS } from '@green-shield/shared/api/limits';
import { toWgs84 } from '@green-shield/shared/geo/coordinates';
import { distanceMetres } from '@green-shield/shared/geo/geohash';
import type { StoredArea } from './records';

export function storedArea(area: AreaInputT): StoredArea {
  const point = area.point && toWgs84(area.point);
  return {
    address: area.address,
    ...(point
      ? { point: { lat: point.lat, lng: point.lng, coordSystem: 'WGS-84' as const }, radiusMetres: area.radiusMetres ?? COGOV_LIMITS.defaultAreaRadiusMetres }
      : {}),
  };
}

/** How far a position is from an area's centre, in whole metres (undefined for an area given by address alone). */
export function distanceFromArea(area: StoredArea, at: { lat: number; lng: number }): number | undefined {
  return area.point && Math.round(distanceMetres(area.point, at));
}

import type { DistrictConfig, Ring } from '../districts/district';
import { toWgs84, type GeoPoint } from './coordinates';

/** Ray casting on [lng, lat] rings; a polygon's first ring is its outline, later rings are holes. */
function insideRing(lng: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    const crosses = yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi;
    if (crosses) inside = !inside;
  }
  return inside;
}

export function polygonContains(polygon: Ring[], lng: number, lat: number): boolean {
  const [outline, ...holes] = polygon;
  if (!outline || !insideRing(lng, lat, outline)) return false;
  return !holes.some((hole) => insideRing(lng, lat, hole));
}

/** The street whose configured boundary contains the point, if any street has boundaries. */
export function locateStreet(district: DistrictConfig, point: GeoPoint): string | undefined {
  const { lat, lng } = toWgs84(point);
  return district.streets.find((street) => street.boundary && polygonContains(street.boundary, lng, lat))?.code;
}

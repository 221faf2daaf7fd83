import type { DistrictConfig, Ring } from '../districts/district';
import { toWgs84, type GeoPoint } from './coordinates';
import { distanceMetres } from './geohash';

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

/** How a street was found for a point: inside its configured boundary, or the nearest street centre (an estimate). */
export const STREET_SUGGESTION_BASES = ['boundary', 'nearest_centre'] as const;
export type StreetSuggestionBasis = (typeof STREET_SUGGESTION_BASES)[number];

export interface StreetSuggestion {
  streetCode: string;
  basis: StreetSuggestionBasis;
}

/**
 * The street a point (WGS-84 or GCJ-02) most likely lies in: the one whose boundary contains it;
 * without a containing boundary, the street with the nearest centre, unless every centre is further
 * than the district's `nearestStreetWithinMetres` (then the point is outside the district: none).
 */
export function suggestStreet(district: DistrictConfig, point: GeoPoint): StreetSuggestion | undefined {
  const { lat, lng } = toWgs84(point);
  const containing = district.streets.find((street) => street.boundary && polygonContains(street.boundary, lng, lat));
  if (containing) return { streetCode: containing.code, basis: 'boundary' };
  let nearest: { code: string; metres: number } | undefined;
  for (const street of district.streets) {
    const metres = distanceMetres({ lat, lng }, street.centre);
    if (!nearest || metres < nearest.metres) nearest = { code: street.code, metres };
  }
  if (!nearest || nearest.metres > district.nearestStreetWithinMetres) return undefined;
  return { streetCode: nearest.code, basis: 'nearest_centre' };
}

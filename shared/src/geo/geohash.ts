/**
 * Geohash cells, for finding sources near a point with key lookups instead of scans: a source is
 * indexed under its cell, and a search reads the point's cell and the rings of cells around it,
 * nearest first, until it has read far enough.
 */
const BASE32 = '0123456789bcdefghjkmnpqrstuvwxyz';

/** Cells of this length are about 1.2 km × 0.6 km at Shanghai's latitude. */
export const NEARBY_CELL_PRECISION = 6;
/** Cells of this length are about 130 m × 150 m at Shanghai's latitude. */
export const FINE_CELL_PRECISION = 7;

export function geohashEncode(lat: number, lng: number, precision = NEARBY_CELL_PRECISION): string {
  let latRange = [-90, 90];
  let lngRange = [-180, 180];
  let hash = '';
  let bits = 0;
  let bitCount = 0;
  let evenBit = true;
  while (hash.length < precision) {
    const range = evenBit ? lngRange : latRange;
    const value = evenBit ? lng : lat;
    const mid = (range[0] + range[1]) / 2;
    bits <<= 1;
    if (value >= mid) {
      bits |= 1;
      range[0] = mid;
    } else {
      range[1] = mid;
    }
    if (evenBit) lngRange = range;
    else latRange = range;
    evenBit = !evenBit;
    if (++bitCount === 5) {
      hash += BASE32[bits];
      bits = 0;
      bitCount = 0;
    }
  }
  return hash;
}

/** The cell's centre and size in degrees. */
function decodeCell(hash: string): { lat: number; lng: number; latSize: number; lngSize: number } {
  const latRange = [-90, 90];
  const lngRange = [-180, 180];
  let evenBit = true;
  for (const char of hash) {
    const value = BASE32.indexOf(char);
    for (let bit = 4; bit >= 0; bit--) {
      const range = evenBit ? lngRange : latRange;
      const mid = (range[0] + range[1]) / 2;
      if ((value >> bit) & 1) range[0] = mid;
      else range[1] = mid;
      evenBit = !evenBit;
    }
  }
  return { lat: (latRange[0] + latRange[1]) / 2, lng: (lngRange[0] + lngRange[1]) / 2, latSize: latRange[1] - latRange[0], lngSize: lngRange[1] - lngRange[0] };
}

/** The cells `ring` steps away from the cell (the cell itself for ring 0): the border of a square of 2·ring + 1 cells a side. */
export function geohashRing(hash: string, ring: number): string[] {
  const { lat, lng, latSize, lngSize } = decodeCell(hash);
  const cells = new Set<string>();
  for (let dLat = -ring; dLat <= ring; dLat++)
    for (let dLng = -ring; dLng <= ring; dLng++)
      if (Math.max(Math.abs(dLat), Math.abs(dLng)) === ring) cells.add(geohashEncode(lat + dLat * latSize, lng + dLng * lngSize, hash.length));
  return [...cells];
}

/** The cell and its eight neighbours. */
export function geohashWithNeighbours(hash: string): string[] {
  return [...geohashRing(hash, 0), ...geohashRing(hash, 1)];
}

/**
 * How far around the point a read of its cell and `rings` rings of cells at `precision` is sure to
 * reach: the distance to the nearest edge of that square. Every place closer than this was read.
 */
export function coveredRadiusMetres(point: { lat: number; lng: number }, precision: number, rings: number): number {
  const { lat, lng, latSize, lngSize } = decodeCell(geohashEncode(point.lat, point.lng, precision));
  const halfHeight = latSize * (rings + 0.5);
  const halfWidth = lngSize * (rings + 0.5);
  return Math.min(
    distanceMetres(point, { lat: lat - halfHeight, lng: point.lng }),
    distanceMetres(point, { lat: lat + halfHeight, lng: point.lng }),
    distanceMetres(point, { lat: point.lat, lng: lng - halfWidth }),
    distanceMetres(point, { lat: point.lat, lng: lng + halfWidth }),
  );
}

/** Great-circle distance in metres. */
export function distanceMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

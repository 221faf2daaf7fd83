/**
 * Coordinate systems met in China: GPS and browsers give WGS-84, WeChat and Tencent maps GCJ-02.
 * The system stores WGS-84 and converts at the edge.
 */
export type CoordSystem = 'WGS-84' | 'GCJ-02';

export interface GeoPoint {
  lat: number;
  lng: number;
  coordSystem: CoordSystem;
}

// Krasovsky 1940 ellipsoid parameters used by the published GCJ-02 obfuscation.
const SEMI_MAJOR_AXIS = 6378245.0;
const ECCENTRICITY_SQUARED = 0.006693421622965943;

function outsideChina(lat: number, lng: number): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function transformLat(x: number, y: number): number {
  let ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return ret;
}

function transformLng(x: number, y: number): number {
  let ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return ret;
}

function gcjOffset(lat: number, lng: number): { dLat: number; dLng: number } {
  const radLat = (lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - ECCENTRICITY_SQUARED * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  const dLat = (transformLat(lng - 105.0, lat - 35.0) * 180.0) / (((SEMI_MAJOR_AXIS * (1 - ECCENTRICITY_SQUARED)) / (magic * sqrtMagic)) * Math.PI);
  const dLng = (transformLng(lng - 105.0, lat - 35.0) * 180.0) / ((SEMI_MAJOR_AXIS / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { dLat, dLng };
}

export function wgs84ToGcj02(lat: number, lng: number): { lat: number; lng: number } {
  if (outsideChina(lat, lng)) return { lat, lng };
  const { dLat, dLng } = gcjOffset(lat, lng);
  return { lat: lat + dLat, lng: lng + dLng };
}

/** Iterative inverse: accurate to well under a metre inside China. */
export function gcj02ToWgs84(lat: number, lng: number): { lat: number; lng: number } {
  if (outsideChina(lat, lng)) return { lat, lng };
  let guess = { lat, lng };
  for (let i = 0; i < 10; i++) {
    const forward = wgs84ToGcj02(guess.lat, guess.lng);
    const errLat = forward.lat - lat;
    const errLng = forward.lng - lng;
    guess = { lat: guess.lat - errLat, lng: guess.lng - errLng };
    if (Math.abs(errLat) < 1e-9 && Math.abs(errLng) < 1e-9) break;
  }
  return guess;
}

export function toWgs84(point: GeoPoint): GeoPoint {
  if (point.coordSystem === 'WGS-84') return point;
  return { ...gcj02ToWgs84(point.lat, point.lng), coordSystem: 'WGS-84' };
}

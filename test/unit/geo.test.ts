import { describe, expect, it } from 'vitest';
import { gcj02ToWgs84, toWgs84, wgs84ToGcj02 } from '@green-shield/shared/geo/coordinates';
import { locateStreet, polygonContains } from '@green-shield/shared/geo/street-locator';
import { loadDistrict, type DistrictConfig } from '@green-shield/shared/districts/district';

describe('coordinates', () => {
  it('offsets Shanghai by a few hundred metres and inverts precisely', () => {
    const wgs = { lat: 31.2296, lng: 121.448 };
    const gcj = wgs84ToGcj02(wgs.lat, wgs.lng);
    expect(Math.abs(gcj.lng - wgs.lng)).toBeGreaterThan(0.003);
    const back = gcj02ToWgs84(gcj.lat, gcj.lng);
    expect(back.lat).toBeCloseTo(wgs.lat, 7);
    expect(back.lng).toBeCloseTo(wgs.lng, 7);
  });

  it('leaves points outside China and WGS-84 points alone', () => {
    expect(wgs84ToGcj02(51.5, -0.12)).toEqual({ lat: 51.5, lng: -0.12 });
    const point = { lat: 31.2, lng: 121.4, coordSystem: 'WGS-84' as const };
    expect(toWgs84(point)).toBe(point);
  });
});

describe('street locator', () => {
  const square = [
    [
      [121.44, 31.22],
      [121.45, 31.22],
      [121.45, 31.23],
      [121.44, 31.23],
      [121.44, 31.22],
    ],
  ] as Array<Array<[number, number]>>;
  const withHole = [
    square[0],
    [
      [121.444, 31.224],
      [121.446, 31.224],
      [121.446, 31.226],
      [121.444, 31.226],
      [121.444, 31.224],
    ],
  ] as Array<Array<[number, number]>>;

  it('tests points against polygons with holes', () => {
    expect(polygonContains(square, 121.445, 31.225)).toBe(true);
    expect(polygonContains(square, 121.46, 31.225)).toBe(false);
    expect(polygonContains(withHole, 121.445, 31.225)).toBe(false);
    expect(polygonContains(withHole, 121.441, 31.221)).toBe(true);
  });

  it('pre-selects the street whose boundary contains the point, converting GCJ-02 first', () => {
    const base = loadDistrict('310106');
    const district: DistrictConfig = { ...base, streets: base.streets.map((s) => (s.code === 'jingansi' ? { ...s, boundary: square } : s)) };
    expect(locateStreet(district, { lat: 31.225, lng: 121.445, coordSystem: 'WGS-84' })).toBe('jingansi');
    const gcj = wgs84ToGcj02(31.225, 121.445);
    expect(locateStreet(district, { ...gcj, coordSystem: 'GCJ-02' })).toBe('jingansi');
    expect(locateStreet(district, { lat: 31.3, lng: 121.445, coordSystem: 'WGS-84' })).toBeUndefined();
    expect(locateStreet(base, { lat: 31.225, lng: 121.445, coordSystem: 'WGS-84' })).toBeUndefined();
  });
});

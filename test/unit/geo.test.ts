import { describe, expect, it } from 'vitest';
import { gcj02ToWgs84, toWgs84, wgs84ToGcj02 } from '@green-shield/shared/geo/coordinates';
import { polygonContains, suggestStreet } from '@green-shield/shared/geo/street-locator';
import { distanceMetres } from '@green-shield/shared/geo/geohash';
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

  it('suggests the street whose boundary contains the point, converting GCJ-02 first', () => {
    const base = loadDistrict('310106');
    const district: DistrictConfig = { ...base, streets: base.streets.map((s) => (s.code === 'jingansi' ? { ...s, boundary: square } : s)) };
    expect(suggestStreet(district, { lat: 31.225, lng: 121.445, coordSystem: 'WGS-84' })).toEqual({ streetCode: 'jingansi', basis: 'boundary' });
    const gcj = wgs84ToGcj02(31.225, 121.445);
    expect(suggestStreet(district, { ...gcj, coordSystem: 'GCJ-02' })).toEqual({ streetCode: 'jingansi', basis: 'boundary' });
    // Outside every boundary the nearest centre still answers, as an estimate.
    expect(suggestStreet(district, { lat: 31.3, lng: 121.445, coordSystem: 'WGS-84' })).toEqual({ streetCode: 'pengpuxincun', basis: 'nearest_centre' });
  });

  describe('without boundaries (Jing’an today)', () => {
    const district = loadDistrict('310106');

    it('suggests the street with the nearest centre', () => {
      for (const street of district.streets) {
        expect(suggestStreet(district, { ...street.centre, coordSystem: 'WGS-84' })).toEqual({ streetCode: street.code, basis: 'nearest_centre' });
      }
      // 愚园路 100 号 as a Chinese map (GCJ-02) and as GPS (WGS-84) give it.
      expect(suggestStreet(district, { lat: 31.2235, lng: 121.4453, coordSystem: 'GCJ-02' })?.streetCode).toBe('jingansi');
      expect(suggestStreet(district, { lat: 31.22537, lng: 121.44069, coordSystem: 'WGS-84' })?.streetCode).toBe('jingansi');
      // 临汾路 375 号, far north.
      expect(suggestStreet(district, { lat: 31.30986, lng: 121.45391, coordSystem: 'WGS-84' })?.streetCode).toBe('linfenlu');
    });

    it('measures a GCJ-02 point where it really is, not where its numbers would be as GPS', () => {
      // A street's centre as a Chinese map reports it is some 500 m off as GPS numbers: converted, it is the centre again.
      for (const street of district.streets) {
        const gcj = wgs84ToGcj02(street.centre.lat, street.centre.lng);
        expect(distanceMetres(street.centre, gcj)).toBeGreaterThan(300);
        expect(suggestStreet(district, { ...gcj, coordSystem: 'GCJ-02' })?.streetCode).toBe(street.code);
      }
    });

    it('suggests nothing for a point outside the district', () => {
      expect(suggestStreet(district, { lat: 39.9042, lng: 116.4074, coordSystem: 'WGS-84' })).toBeUndefined(); // Beijing
      expect(suggestStreet(district, { lat: 31.1, lng: 121.45, coordSystem: 'WGS-84' })).toBeUndefined(); // Xuhui, south of the river bend
    });

    it('configures a centre for every street, inside the district', () => {
      for (const street of district.streets) {
        expect(distanceMetres(street.centre, district.mapCenter), street.code).toBeLessThan(12_000);
      }
      expect(new Set(district.streets.map((street) => `${street.centre.lat},${street.centre.lng}`)).size).toBe(district.streets.length);
    });
  });
});

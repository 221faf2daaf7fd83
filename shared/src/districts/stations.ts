/**
 * The environment map's monitoring stations per district (`<district>-stations.json`), apart from
 * the district file so that functions which never draw the map do not carry them.
 */
import jinganStations from './jingan-stations.json' with { type: 'json' };
import type { NoiseZone } from '../environment/noise';

/** A monitoring station of the environment map: what it measures decides what else it carries. */
export type Station = {
  id: string;
  name: string;
  streetCode: string;
  /** WGS-84. */
  location: { lat: number; lng: number };
} & (
  | { kind: 'air' }
  /** `targetClass`: the GB 3838-2002 class the section is held to (I … V). */
  | { kind: 'water'; targetClass: string }
  /** `zone`: its acoustic functional zone (GB 3096-2008). */
  | { kind: 'noise'; zone: NoiseZone }
);

const stationsByDistrict: Record<string, Station[]> = {
  [jinganStations.districtCode]: jinganStations.stations as Station[],
};

/** The district's stations; none configured, the map shows none. */
export function districtStations(districtCode: string): Station[] {
  return stationsByDistrict[districtCode] ?? [];
}

/**
 * The demo data stands for real places: a complaint and a source on the same road must be as near
 * each other as on the ground, or matching a complaint to its source shows nothing (the demo once put
 * every place at offsets from the district's centre, kilometres from its address).
 */
import { describe, expect, it } from 'vitest';
import { toWgs84 } from '@green-shield/shared/geo/coordinates';
import { loadDistrict } from '@green-shield/shared/districts/district';
import { suggestStreet } from '@green-shield/shared/geo/street-locator';
import { proposeMatches } from '@green-shield/shared/sources/matching';
import { DEMO_COMPLAINTS, DEMO_SOURCES } from '../../scripts/local/seed';

const point = ([lat, lng]: readonly [number, number]) => toWgs84({ lat, lng, coordSystem: 'GCJ-02' });
/** 「静安区愚园路 188 弄」 → 「愚园路」. */
const roadOf = (address: string) => /静安区(.+?[路街])/.exec(address)?.[1];

describe('the demo data', () => {
  const sources = DEMO_SOURCES.map(({ input }, index) => ({ id: `source-${index}`, name: input.name, address: input.address, location: point(input.at) }));

  it('proposes the sources on a complaint’s road as its sources', () => {
    let checked = 0;
    for (const complaint of DEMO_COMPLAINTS) {
      const onTheRoad = sources.filter((source) => roadOf(source.address) === roadOf(complaint.address));
      const proposed = proposeMatches({ location: point(complaint.at), address: complaint.address, description: complaint.description }, sources);
      for (const source of onTheRoad) {
        expect(
          proposed.map((proposal) => proposal.sourceId),
          `${complaint.address} → ${source.name}`,
        ).toContain(source.id);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(4);
  });

  it('puts every place inside the district', () => {
    const district = loadDistrict('310106');
    for (const place of [...DEMO_COMPLAINTS, ...DEMO_SOURCES.map(({ input }) => input)]) {
      const suggested = suggestStreet(district, { lat: place.at[0], lng: place.at[1], coordSystem: 'GCJ-02' });
      expect(suggested, place.address).toBeDefined();
    }
  });
});

/** A typical resident report (cooking fumes at night), for tests and the benchmark. */
export function sampleComplaintBody(overrides: Record<string, unknown> = {}) {
  return {
    category: { type: 'air', subtype: 'cooking_fumes' },
    description: '楼下餐馆油烟直排，晚上尤其严重，窗户都不敢开。',
    location: { lat: 31.2235, lng: 121.4453, coordSystem: 'GCJ-02', address: '静安区愚园路 100 号' },
    streetCode: 'jingansi',
    occurrence: { pattern: 'nights' },
    photoKeys: [],
    anonymous: false,
    ...overrides,
  };
}

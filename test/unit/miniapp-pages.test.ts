import { describe, expect, it } from 'vitest';
import { mainPackagePages, PAGE_PATHS, preloadRule, SUBPACKAGES, SUBPACKAGES_BY_ROLE, subpackagePages, TABS } from '../../miniapp/src/app-pages';

describe('the mini-app page list', () => {
  it('splits the pages into the main package (opening on the home tab) and the subpackages by path', () => {
    const main = mainPackagePages();
    expect(main[0]).toBe(PAGE_PATHS.home);
    expect(main).toContain(PAGE_PATHS.eco);
    expect(main.every((path) => path.startsWith('pages/'))).toBe(true);
    const subpackages = subpackagePages();
    expect(subpackages.map((subpackage) => subpackage.root)).toEqual([...SUBPACKAGES]);
    expect(subpackages.find((subpackage) => subpackage.root === 'officer')?.pages).toEqual(['queue/index', 'handle/index']);
    const registered = [...main, ...subpackages.flatMap(({ root, pages }) => pages.map((page) => `${root}/${page}`))];
    expect(registered.sort()).toEqual(Object.values(PAGE_PATHS).sort());
  });

  it('keeps the tab pages in the main package', () => {
    for (const tab of TABS) expect(mainPackagePages()).toContain(PAGE_PATHS[tab.page]);
  });
});

describe('subpackage preloading', () => {
  it('preloads nothing from residents’ pages: the main package, running a business and volunteering are apart', () => {
    const rule = preloadRule();
    for (const path of mainPackagePages()) expect(rule[path]).toBeUndefined();
    for (const root of ['business', 'volunteer'] as const) {
      for (const page of subpackagePages().find((subpackage) => subpackage.root === root)?.pages ?? []) expect(rule[`${root}/${page}`]).toBeUndefined();
    }
  });

  it("brings an officer's other subpackage along from either one", () => {
    const rule = preloadRule();
    expect(rule[PAGE_PATHS.queue]).toEqual({ network: 'all', packages: ['sources', 'cogov'] });
    expect(rule[PAGE_PATHS.handle]).toEqual({ network: 'all', packages: ['sources', 'cogov'] });
    expect(rule[PAGE_PATHS.sourceSearch]).toEqual({ network: 'all', packages: ['officer', 'cogov'] });
    expect(rule[PAGE_PATHS.sourceImport]).toEqual({ network: 'all', packages: ['officer', 'cogov'] });
    expect(rule[PAGE_PATHS.jointDetail]).toEqual({ network: 'all', packages: ['officer', 'sources'] });
  });

  it('follows the roles: a subpackage preloads what any role working in it also uses, never itself', () => {
    const rule = preloadRule({ ...SUBPACKAGES_BY_ROLE, resident: [['business', 'sources'], ['volunteer']], admin: [['officer']] });
    expect(rule[PAGE_PATHS.myBusiness]?.packages).toEqual(['sources']);
    expect(rule[PAGE_PATHS.sourceDetail]?.packages).toEqual(['officer', 'business', 'cogov']);
    expect(rule[PAGE_PATHS.queue]?.packages).toEqual(['sources', 'cogov']);
    expect(rule[PAGE_PATHS.volunteerHome]).toBeUndefined();
    expect(preloadRule({ resident: [], street_officer: [['officer']], bureau_officer: [['sources']], admin: [] })).toEqual({});
  });
});

/**
 * Keeping the registry in the H5 app, in Chromium: the bureau officer imports a spreadsheet (a dry
 * run that names the bad row and why, then the import) and finds the new source in the search;
 * the 静安寺 street officer registers a restaurant through the form (position from the browser,
 * street locked to theirs, a duplicate credit code refused next to its field) and edits its tags.
 * Screenshots land in test-artifacts/browser/ (prefix `adm-`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { IMPORT_FILE_TYPES } from '@green-shield/shared/api/limits';
import { composeCreditCode } from '@green-shield/shared/sources/credit-code';
import { writeXlsx } from '../../functions/src/sources/import/xlsx-writer';
import { type TestSystem, DEMO_ACCOUNTS } from '../support/system';
import { audit, PHONE_POSITION, phoneContext, searchSourceByName, signIn, snap, snapOnFailure, startH5System, stopH5System } from '../support/browser';
import { zh } from '../../miniapp/src/i18n/zh-CN';

// Serials avoid I, O, S, V and Z: GB 32100 leaves them out of the code's alphabet.
const IMPORTED = composeCreditCode('92', '310106', 'BRWX0001');
const REJECTED = composeCreditCode('92', '310106', 'BRWX0003');
const REGISTERED = composeCreditCode('92', '310106', 'BRWX0002');
const TAKEN = composeCreditCode('92', '310106', 'BRWX0004');

let t: TestSystem;
let browser: Browser;

beforeAll(async () => {
  ({ t, browser } = await startH5System(async (system) => {
    // A source registered elsewhere in the district holds TAKEN.
    const pengpu = await system.signIn(DEMO_ACCOUNTS.pengpuzhen.phone);
    await pengpu
      .call('POST', '/api/sources', {
        kind: 'auto_repair',
        name: '彭浦汽修',
        creditCode: TAKEN,
        address: '静安区共和新路 3000 号',
        location: { lat: 31.3, lng: 121.45, coordSystem: 'WGS-84' },
        streetCode: 'pengpuzhen',
      })
      .expect(201);
  }));
});
afterAll(() => stopH5System(t, browser));

describe('keeping the registry in the H5 app', () => {
  it('lets the bureau check a spreadsheet, import its good row, and find the new source', async () => {
    snapOnFailure(browser, 'adm-');
    const header = ['类型', '名称', '统一社会信用代码', '地址', '纬度', '经度', '坐标系', '街道', '负责人', '座位数', '灶头数', '净化效率(%)', '标签'];
    const xlsx = writeXlsx([
      header,
      ['餐饮', '江宁路导入小吃', IMPORTED, '静安区江宁路 100 号', 31.235, 121.452, 'WGS-84', '江宁路街道', '刘经理', 20, 2, '92%', '夜宵'],
      ['餐饮', '坏行餐馆', REJECTED, '静安区江宁路 102 号', 31.235, 121.452, 'WGS-84', '不存在街道', '', '', '', '', ''],
    ]);

    const page = await (await phoneContext(browser)).newPage();
    await signIn(t, page, DEMO_ACCOUNTS.bureau.phone, 'adm-01-bureau');
    await page.locator('#officer-import-entry:visible').waitFor();
    await snap(page, 'adm-02-bureau-home');
    await page.click('#officer-import-entry:visible');
    expect(await page.locator('#import-reimport').innerText()).toContain('按统一社会信用代码更新');
    expect(await page.locator('#import-validate').getAttribute('aria-disabled')).toBe('true');

    // The template the page tells users to follow downloads as a workbook named for them.
    const templateButton = page.getByText('下载导入模板', { exact: true });
    expect(await templateButton.getAttribute('id')).toBe('import-template');
    const [template] = await Promise.all([page.waitForEvent('download'), templateButton.click()]);
    expect(template.suggestedFilename()).toBe('污染源导入模板.xlsx');
    expect(await page.locator('#import-template-error').count()).toBe(0);

    // H5 picks the file with a real file input; a file of another kind is refused, saying why.
    const [wrongChooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#import-choose-file')]);
    await wrongChooser.setFiles({ name: '污染源名单.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
    await expect.poll(() => page.locator('#import-file-error').innerText()).toBe(zh.sourceImport.unsupported);
    await audit(page, 'adm-03-import-refused');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#import-choose-file')]);
    await chooser.setFiles({ name: '污染源导入.xlsx', mimeType: IMPORT_FILE_TYPES.xlsx, buffer: Buffer.from(xlsx) });
    await expect.poll(() => page.locator('#import-file').getAttribute('data-format')).toBe('xlsx');
    expect(await page.locator('#import-file-error').count()).toBe(0);
    expect(await page.locator('#import-file').innerText()).toContain('污染源导入.xlsx');
    await snap(page, 'adm-03-import-chosen');

    // 校验: a dry run, whose report names the bad row, its column and why.
    await page.click('#import-validate');
    await page.locator('#import-check-report').waitFor({ timeout: 30_000 });
    expect(await page.locator('#import-check-report').getAttribute('data-dry-run')).toBe('true');
    const checkCount = (key: string) => page.locator(`#import-check-count-${key}`).getAttribute('data-value');
    expect([await checkCount('rows'), await checkCount('valid'), await checkCount('created'), await checkCount('rejected')]).toEqual(['2', '1', '1', '1']);
    expect(await page.locator('#import-check-count-created').innerText()).toContain('将新增');
    expect(await page.locator('#import-check-error-0').innerText()).toContain('第 3 行 · 街道 · 未知的街道“不存在街道”');
    expect(await page.locator('[id^="import-check-error-"]').count()).toBe(1);
    await page.locator('#import-confirm').scrollIntoViewIfNeeded();
    await snap(page, 'adm-04-import-checked');
    // 确认导入: the same upload, for real. 新增 1 (not 无变化) shows the dry run wrote nothing.
    await page.click('#import-confirm');
    await page.locator('#import-commit-report').waitFor({ timeout: 30_000 });
    expect(await page.locator('#import-commit-report').getAttribute('data-dry-run')).toBe('false');
    expect(await page.locator('#import-commit-count-created').innerText()).toMatch(/^1\s*新增$/);
    expect(await page.locator('#import-commit-count-rejected').getAttribute('data-value')).toBe('1');
    // Both runs are in the page's recent imports, newest first, so the report outlives the page.
    await expect.poll(() => page.locator('[id^="import-recent-"]').count()).toBe(2);
    expect(await page.locator('[id^="import-recent-"]').first().innerText()).toContain('新增 1 · 未导入 1');
    await page.locator('#import-view-sources').scrollIntoViewIfNeeded();
    await snap(page, 'adm-05-import-done');

    // The new source is in the registry.
    await page.click('#import-view-sources');
    const found = await searchSourceByName(page, '江宁路导入');
    expect(await found.innerText()).toContain('江宁路导入小吃');
    expect(await found.innerText()).toContain('夜宵');
    await snap(page, 'adm-06-import-found');
    expect(await page.locator('#sources-import:visible').count()).toBe(1);
  });

  it('lets the bureau start a failed import again from the recent imports', async () => {
    snapOnFailure(browser, 'adm-');
    const page = await (await phoneContext(browser)).newPage();
    await signIn(t, page, DEMO_ACCOUNTS.bureau.phone, 'adm-07-bureau');
    await page.locator('#officer-import-entry:visible').waitFor();
    await audit(page, 'adm-07-bureau-home');
    await page.click('#officer-import-entry:visible');
    // A file without the template's header: its job fails, with the reason.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#import-choose-file')]);
    await chooser.setFiles({ name: '没有表头.csv', mimeType: IMPORT_FILE_TYPES.csv, buffer: Buffer.from('a,b\n1,2') });
    await page.click('#import-validate');
    await page.locator('#import-check-failure').waitFor({ timeout: 30_000 });
    const restart = page.locator('[id^="import-restart-"]').first();
    await restart.waitFor();
    const jobId = (await restart.getAttribute('id'))!.replace('import-restart-', '');
    const bureau = await t.signIn(DEMO_ACCOUNTS.bureau.phone);
    const failed = await bureau.call('GET', `/api/sources/imports/${jobId}`).expect(200);
    expect(failed.status).toBe('failed');
    await restart.scrollIntoViewIfNeeded();
    await snap(page, 'adm-08-import-failed');

    // 重新开始 queues it again; the same file fails again, later.
    await restart.click();
    const failedAgain = async () => {
      const job = await bureau.call('GET', `/api/sources/imports/${jobId}`).expect(200);
      return job.status === 'failed' && job.finishedAt !== failed.finishedAt;
    };
    await expect.poll(failedAgain, { timeout: 20_000 }).toBe(true);
  });

  it('lets a street officer register a restaurant through the form and then edit its tags', async () => {
    snapOnFailure(browser, 'adm-');
    const page = await (await phoneContext(browser)).newPage();
    await signIn(t, page, DEMO_ACCOUNTS.jingansi.phone, 'adm-10-street');
    await page.locator('#officer-register-entry:visible').waitFor();
    await audit(page, 'adm-10-street-home');
    // Importing is for the bureau.
    expect(await page.locator('#officer-import-entry').count()).toBe(0);
    await page.click('#officer-register-entry:visible');

    // The street is the officer's own; the position comes from the browser (granted, in Jing'an).
    await expect.poll(() => page.locator('#source-form-street-locked').innerText()).toBe('静安寺街道');
    await expect.poll(() => page.locator('#source-form-location-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('located');
    await page.click('#source-form-kind-restaurant');
    await page.fill('#source-form-credit-code input', TAKEN);
    await page.fill('#source-form-name input', '愚园路登记小馆');
    await page.fill('#source-form-address input', '静安区愚园路 200 号');
    await page.fill('#source-form-person-name input', '陈店长');
    await page.fill('#source-form-person-phone input', '13800001234');
    await page.fill('#source-form-seats input', '40');
    await page.fill('#source-form-burners input', '3');
    await page.click('#source-form-purifier-yes');
    await page.fill('#source-form-efficiency input', '85');

    // The system's 重点监管 cannot be added by hand; free tags can.
    await page.fill('#source-form-tags-input input', '重点监管');
    await page.click('#source-form-tags-add');
    expect(await page.locator('#source-form-tags-error').innerText()).toContain('不能手动添加');
    await page.fill('#source-form-tags-input input', '临街');
    await page.click('#source-form-tags-add');
    expect(await page.locator('#source-form-tags-0').innerText()).toContain('临街');
    expect(await page.locator('#source-form-tags-error').count()).toBe(0);

    // A credit code registered elsewhere is refused next to its field (409 DUPLICATE_CREDIT_CODE).
    await page.click('#source-form-submit');
    await expect
      .poll(() =>
        page
          .locator('#source-form-credit-code-error')
          .innerText()
          .catch(() => ''),
      )
      .toContain('已登记');
    expect(await page.locator('#source-form-error').innerText()).toContain('请勿重复登记');
    await snap(page, 'adm-11-register-duplicate');

    await page.fill('#source-form-credit-code input', REGISTERED);
    await page.click('#source-form-submit');
    // Registered: the new source's page takes the form's place.
    await expect
      .poll(
        () =>
          page
            .locator('#source-name:visible')
            .innerText()
            .catch(() => ''),
        { timeout: 15_000 },
      )
      .toBe('愚园路登记小馆');
    expect(await page.locator('#source-credit-code:visible').innerText()).toBe(REGISTERED);
    expect(await page.locator('#source-tags:visible').innerText()).toBe('临街');
    // 3 reference burners: a medium kitchen under GB 18483.
    expect(await page.locator('#source-size-class:visible').innerText()).toBe('中型');
    await snap(page, 'adm-12-registered');

    // 编辑信息: the registered position is kept; the tags change.
    await page.click('#source-edit:visible');
    await page.locator('#source-form-submit:visible').waitFor();
    expect(await page.locator('#source-form-location-status:visible').getAttribute('data-status')).toBe('source');
    expect(await page.locator('#source-form-credit-code:visible').innerText()).toBe(REGISTERED);
    // Typed coordinates start from the registered position (the browser's, WGS-84); unchanged, they are not sent.
    await page.click('#source-form-manual-location:visible');
    expect(await page.locator('#source-form-location-status:visible').getAttribute('data-status')).toBe('manual');
    expect([await page.inputValue('#source-form-lat input'), await page.inputValue('#source-form-lng input')]).toEqual([
      String(PHONE_POSITION.latitude),
      String(PHONE_POSITION.longitude),
    ]);
    expect(await page.locator('#source-form-coord-WGS-84').getAttribute('class')).toContain('chip-select__chip--selected');
    await page.fill('#source-form-tags-input input', '夜市、外卖');
    await page.click('#source-form-tags-add');
    await page.click('#source-form-tags-remove-0'); // 临街
    expect(await page.locator('#source-form-tags:visible').innerText()).not.toContain('临街');
    await snap(page, 'adm-13-edit-tags');
    await page.click('#source-form-submit:visible');

    // Back on the source's page, which shows the new tags.
    await expect
      .poll(
        () =>
          page
            .locator('#source-tags:visible')
            .innerText()
            .catch(() => ''),
        { timeout: 15_000 },
      )
      .toBe('夜市、外卖');
    await snap(page, 'adm-14-edited');

    // Someone else saves first: the form says so and starts again from what they saved (409 VERSION_CONFLICT).
    const sourceId = new URL(page.url().replace('#', '')).searchParams.get('id')!;
    await page.click('#source-edit:visible');
    await page.locator('#source-form-submit:visible').waitFor();
    t.clock.advanceDays(2 / 24 / 60); // a sign-in code is not resent within a minute
    const bureau = await t.signIn(DEMO_ACCOUNTS.bureau.phone);
    const { source } = await bureau.call('GET', `/api/sources/${sourceId}`).expect(200);
    await bureau.call('PATCH', `/api/sources/${sourceId}`, { expectedVersion: source.version, name: '愚园路登记小馆（总店）' }).expect(200);
    await page.fill('#source-form-address input:visible', '静安区愚园路 202 号');
    await page.click('#source-form-submit:visible');
    const dialog = page.locator('.taro-modal__text:visible');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('刚被其他人修改');
    await snap(page, 'adm-15-edit-conflict');
    await page.click('.taro-model__confirm:visible');
    await expect.poll(() => page.inputValue('#source-form-name input:visible')).toBe('愚园路登记小馆（总店）');
    expect(await page.inputValue('#source-form-address input:visible')).toBe('静安区愚园路 200 号');

    // The changes are on the source's timeline.
    await page.goto(`${t.system.url}/#/sources/timeline/index?id=${sourceId}`);
    await page.reload();
    await page.locator('#source-timeline:visible [data-type=updated]').first().waitFor();
    expect(await page.locator('#source-timeline:visible [data-type=updated]').count()).toBe(2);
    expect(await page.locator('#source-timeline:visible [data-type=registered]').count()).toBe(1);
    await snap(page, 'adm-16-timeline');
  });
});

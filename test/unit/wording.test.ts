/**
 * What users read keeps to one glossary (miniapp/src/i18n/zh-CN.ts, GLOSSARY) and to plain words:
 * one word for a complaint, 办结 only for the end, no internal identifiers (rule versions, codes)
 * and no officers' jargon. Scanned: every string literal of the mini-app's dictionary, and every
 * string literal holding Chinese in shared/ and functions/ (server messages that reach users).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRANSITIONS, type ComplaintAction } from '@green-shield/shared/complaints/state-machine';
import { CURRENT_CREDIT_RULES } from '@green-shield/shared/sources/credit-rules';
import { CURRENT_CATERING_RULES } from '@green-shield/shared/sources/kinds';
import { CURRENT_CHECKLISTS } from '@green-shield/shared/sources/checklists';
import { CREDIT_CODE_PROBLEM_MESSAGES } from '@green-shield/shared/sources/credit-code';
import { GLOSSARY, zh } from '../../miniapp/src/i18n/zh-CN';

const ROOT = resolve(import.meta.dirname, '../..');
/** The dictionary: zh-CN.ts (with the glossary) and the parts split off for subpackages (zh-CN-community.ts). */
const DICTIONARY_DIR = 'miniapp/src/i18n';

/** Words no user reads: the glossary's `never` words, and jargon and check names. */
const BANNED = [...Object.values(GLOSSARY).flatMap((term) => term.never), '校验不通过', '校验位', '组织机构代码', '登记管理部门', '行政区划代码'];
/** An identifier in a sentence: `jingan-credit-2026.1`, `db31-844-2014`, `cooking_fumes`, `not_our_responsibility`. */
const IDENTIFIER = /(?<![\w/.:-])[a-z][a-z0-9]*(?:[-_][a-z0-9.]+)+(?![\w/-])/;
const CJK = /[\u4e00-\u9fff]/;

/** The text without comments: block comments, and `//` comments that start a line or follow code. */
function withoutComments(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .map((line) => line.replace(/(^|[;,{}()\s])\/\/.*$/, '$1'))
    .join('\n');
}

/** Every '…', "…" and `…` literal (a template's ${…} parts stay in: they are code, not words). */
function stringLiterals(source: string): string[] {
  return [...withoutComments(source).matchAll(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g)].map((match) => match[0].slice(1, -1));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** What users may read, with where it is: the dictionary (all but the glossary's own list) and the Chinese literals of shared/ and functions/. */
function userStrings(): Array<{ where: string; text: string }> {
  const fromDictionary = filesUnder(join(ROOT, DICTIONARY_DIR)).flatMap((file) => {
    const dictionary = readFileSync(file, 'utf8').replace(/export const GLOSSARY = \{[\s\S]*?\} as const;/, '');
    return stringLiterals(dictionary).map((text) => ({ where: relative(ROOT, file), text }));
  });
  const fromServer = ['shared/src', 'functions/src'].flatMap((dir) =>
    filesUnder(join(ROOT, dir)).flatMap((file) =>
      stringLiterals(readFileSync(file, 'utf8'))
        .filter((text) => CJK.test(text))
        .map((text) => ({ where: relative(ROOT, file), text })),
    ),
  );
  return [...fromDictionary, ...fromServer];
}

describe('wording', () => {
  const strings = userStrings();

  it('scans the dictionary and the server’s messages', () => {
    expect(strings.filter((s) => s.where === `${DICTIONARY_DIR}/zh-CN.ts`).length).toBeGreaterThan(500);
    expect(strings.filter((s) => s.where === `${DICTIONARY_DIR}/zh-CN-community.ts`).length).toBeGreaterThan(100);
    expect(strings.filter((s) => s.where.startsWith('shared/')).length).toBeGreaterThan(10);
    expect(strings.filter((s) => s.where.startsWith('functions/')).length).toBeGreaterThan(10);
  });

  it('uses the glossary’s word for each thing, and no jargon', () => {
    const offending = strings.filter(({ text }) => BANNED.some((word) => text.includes(word)));
    expect(offending).toEqual([]);
  });

  it('shows no internal identifiers in Chinese sentences', () => {
    const offending = strings.filter(({ text }) => CJK.test(text) && IDENTIFIER.test(text.replace(/\$\{[^}]*\}/g, '')));
    expect(offending).toEqual([]);
  });

  it('catches what it is meant to catch', () => {
    expect(IDENTIFIER.test('评分规则：jingan-credit-2026.1')).toBe(true);
    expect(IDENTIFIER.test('认定依据版本：db31-844-2014')).toBe(true);
    expect(IDENTIFIER.test('上海市《餐饮业油烟排放标准》（DB31/844-2014）')).toBe(false);
    expect(IDENTIFIER.test('请拨打 12345 市民服务热线')).toBe(false);
    expect(BANNED.some((word) => '统一社会信用代码第 9–17 位（组织机构代码）校验不通过'.includes(word))).toBe(true);
    expect(stringLiterals("const a = '投诉'; // 投诉 in a comment\n/* '重办' */")).toEqual(['投诉']);
  });

  it('names rule tables by a title, never by their version identifier', () => {
    for (const table of [CURRENT_CREDIT_RULES, CURRENT_CATERING_RULES, CURRENT_CHECKLISTS]) {
      expect(table.title).toMatch(CJK);
      expect(table.title).not.toContain(table.version);
      expect(IDENTIFIER.test(table.title)).toBe(false);
    }
  });

  it('keeps credit-code messages plain', () => {
    for (const message of Object.values(CREDIT_CODE_PROBLEM_MESSAGES)) {
      expect(message).toMatch(/请.*核对/);
      expect(message).not.toMatch(/第 \d/);
    }
  });

  it('says 办结 only of the end: the closed status and the steps that close', () => {
    const closing = (action: ComplaintAction) => 'to' in TRANSITIONS[action] && TRANSITIONS[action].to === 'closed';
    for (const [status, label] of Object.entries(zh.status)) expect(label.includes('办结'), status).toBe(status === 'closed');
    for (const action of Object.keys(TRANSITIONS) as ComplaintAction[]) {
      expect(zh.eventAction[action].includes('办结'), action).toBe(closing(action));
    }
    for (const [action, { label }] of Object.entries(zh.officer.actions)) expect(label, action).not.toContain('办结');
    // The officer's answer and the status it leads to say the same thing.
    expect(zh.status.resolved).toContain('答复');
    expect(zh.officer.actions.resolve.label).toContain('答复');
    expect(zh.eventAction.resolve).toContain('答复');
  });

  it('calls a complaint 举报 in every title a resident meets', () => {
    for (const title of [zh.titles.report, zh.titles.mine, zh.titles.complaint, zh.home.recent, zh.account.myComplaints, zh.status.duplicate]) {
      expect(title).toContain(GLOSSARY.complaint.use);
    }
  });
});

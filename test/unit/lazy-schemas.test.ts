/**
 * Every API schema is built on first use (`z.lazy`), so a function's cold start builds none and its
 * first request only those of its route: building them all took about 20 ms of every start. Each is
 * declared pure (`/* @__PURE__ *\/ z.lazy(…)`), so a bundle drops those its routes do not use.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as schemas from '@green-shield/shared/api/schemas';
import * as sourceSchemas from '@green-shield/shared/api/source-schemas';
import * as cogovSchemas from '@green-shield/shared/api/cogov-schemas';
import * as statisticsSchemas from '@green-shield/shared/api/statistics-schemas';
import { ROUTES } from '@green-shield/shared/api/routes';

const zodSchemas = (module: Record<string, unknown>) =>
  Object.entries(module).filter(
    (entry): entry is [string, { _zod: { def: { type: string } } }] => typeof entry[1] === 'object' && entry[1] !== null && '_zod' in entry[1],
  );

describe('the API schemas', () => {
  it('are all lazy, in every schema module and in the route table', () => {
    const all = [...zodSchemas(schemas), ...zodSchemas(sourceSchemas), ...zodSchemas(cogovSchemas), ...zodSchemas(statisticsSchemas)];
    expect(all.length).toBeGreaterThan(100);
    expect(all.filter(([, schema]) => schema._zod.def.type !== 'lazy').map(([name]) => name)).toEqual([]);
    for (const [id, route] of Object.entries(ROUTES)) {
      for (const part of ['body', 'query', 'params', 'response'] as const) {
        const schema = (route as Partial<Record<typeof part, { _zod: { def: { type: string } } }>>)[part];
        if (schema) expect(schema._zod.def.type, `${id}.${part}`).toBe('lazy');
      }
    }
  });

  it('are declared pure, as are the route tables made of them, so esbuild drops the ones a function does not use', () => {
    // esbuild keeps every top-level call it cannot prove free of side effects: an unannotated
    // `z.lazy(…)` (or any schema built at the top) stays in every bundle that imports its module.
    const topLevelCalls = (file: string) =>
      [...readFileSync(new URL(`../../shared/src/api/${file}`, import.meta.url), 'utf8').matchAll(/^(?:export )?const (\w+)(?:: [^=]+)? = (.*)$/gm)]
        .filter(([, , value]) => /^[\w.]+\(/.test(value))
        .map(([, name]) => `${file}: ${name}`);
    const files = [
      'schemas.ts',
      'source-schemas.ts',
      'cogov-schemas.ts',
      ...readdirSync(new URL('../../shared/src/api/routes/', import.meta.url)).map((name) => `routes/${name}`),
    ];
    expect(files.flatMap(topLevelCalls)).toEqual([]);
  });

  it('validate as before once built: the same messages, paths and defaults', () => {
    const bad = schemas.SubmitComplaintBody.safeParse({ category: { type: 'air', subtype: 'nothing' } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((issue) => issue.path.join('.'))).toContain('description');
    expect(schemas.QueueQuery.parse({})).toEqual({ order: 'newest' });
    expect(schemas.TrackingNumberParams.parse({ trackingNumber: ' ja-2026-000001 ' })).toEqual({ trackingNumber: 'JA-2026-000001' });
    expect(sourceSchemas.EvidenceBody.safeParse({ expectedVersion: 0, photoKeys: [] }).error?.issues[0]).toMatchObject({
      path: ['photoKeys'],
      message: '请至少上传 1 张整改照片',
    });
  });
});

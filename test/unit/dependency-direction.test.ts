/**
 * Dependencies in functions/src run one way (docs/architecture.md, "Layers"):
 * lib/ ← store/ ← contexts ← entries/. This reads every import of every file and fails on an edge
 * against that direction, so the layering cannot erode one convenient import at a time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../functions/src', import.meta.url));

interface ImportEdge {
  /** Both paths relative to functions/src, without extension. */
  from: string;
  to: string;
  typeOnly: boolean;
  line: number;
}

type Layer = 'lib' | 'store' | 'entries' | 'root' | { context: string };

function layerOf(path: string): Layer {
  const [first, ...rest] = path.split('/');
  if (rest.length === 0) return 'root';
  if (first === 'lib' || first === 'store' || first === 'entries') return first;
  return { context: first };
}

/** Every relative import, re-export and dynamic import of one file, resolved against functions/src. */
function importsOf(from: string, source: string): ImportEdge[] {
  const file = ts.createSourceFile(`${from}.ts`, source, ts.ScriptTarget.Latest, true);
  const edges: ImportEdge[] = [];
  const add = (specifier: ts.Expression | undefined, typeOnly: boolean) => {
    if (!specifier || !ts.isStringLiteralLike(specifier) || !specifier.text.startsWith('.')) return;
    const to = normalize(join(dirname(from), specifier.text)).replace(/\.[cm]?[jt]s$/, '');
    edges.push({ from, to, typeOnly, line: file.getLineAndCharacterOfPosition(specifier.getStart()).line + 1 });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const allNamedAreTypes = !!bindings && ts.isNamedImports(bindings) && bindings.elements.every((element) => element.isTypeOnly);
      add(node.moduleSpecifier, !!clause && (clause.isTypeOnly || (!clause.name && allNamedAreTypes)));
    } else if (ts.isExportDeclaration(node)) {
      add(node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return edges;
}

/** Why an edge goes against the layering, or undefined when it is allowed. */
function violation({ from, to, typeOnly }: ImportEdge): string | undefined {
  const source = layerOf(from);
  const target = layerOf(to);
  if (to.startsWith('..')) return 'reaches outside functions/src (shared code is imported as @green-shield/shared)';
  if (typeof source === 'object' && typeof target === 'object' && source.context === target.context) return undefined;
  if (source === target) return undefined;
  if (target === 'lib') return undefined;
  if (source === 'lib') return 'lib/ is the bottom layer: it imports neither store/ nor any context';
  if (target === 'store') return undefined;
  if (source === 'store') return 'store/ imports lib/ only, never a context';
  if (target === 'entries' || target === 'root') return 'entry points and declarations are read by the deployment, never imported by the code';
  if (source === 'entries') return undefined;
  if (source === 'root') return 'the declarations at the root import lib/ and store/ only';
  if (to.endsWith('/records') && typeOnly) return undefined;
  return "a context imports another context's records.ts types only (shared ports and adapters live in lib/ or store/; composition in entries/)";
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const edges = sourceFiles(SRC).flatMap((path) => importsOf(relative(SRC, path).replace(/\.ts$/, ''), readFileSync(path, 'utf8')));

describe('dependency direction in functions/src', () => {
  it('reads the imports it checks', () => {
    expect(edges.length).toBeGreaterThan(150);
    expect(edges).toContainEqual(expect.objectContaining({ from: 'complaints/service', to: 'lib/errors', typeOnly: false }));
    expect(edges).toContainEqual(expect.objectContaining({ from: 'notifications/recipients', to: 'complaints/records', typeOnly: true }));
  });

  it('has no import against the layering', () => {
    const found = edges.flatMap((edge) => {
      const why = violation(edge);
      return why ? [`functions/src/${edge.from}.ts:${edge.line} imports ${edge.to}: ${why}`] : [];
    });
    expect(found).toEqual([]);
  });

  it('parses every kind of import, and which of them are types only', () => {
    const source = [
      "import { a,\n  b } from '../lib/errors';",
      "import type { C } from '../sources/records';",
      "import { type D, type E } from '../sources/records';",
      "import F, { type G } from '../sources/records';",
      "export { h } from './domain';",
      "export type { I } from '../store/keys';",
      "const j = await import('../identity/service');",
      "let k: import('../lib/clock').Clock;",
      "import { x } from '@green-shield/shared/api/errors';",
    ].join('\n');
    expect(importsOf('complaints/service', source).map(({ to, typeOnly, line }) => [to, typeOnly, line])).toEqual([
      ['lib/errors', false, 2],
      ['sources/records', true, 3],
      ['sources/records', true, 4],
      ['sources/records', false, 5],
      ['complaints/domain', false, 6],
      ['store/keys', true, 7],
      ['identity/service', false, 8],
      ['lib/clock', true, 9],
    ]);
  });

  it('refuses each forbidden direction and allows the permitted ones', () => {
    const edge = (from: string, to: string, typeOnly = false) => violation({ from, to, typeOnly, line: 1 });
    expect(edge('lib/http', 'store/keys')).toMatch(/bottom layer/);
    expect(edge('lib/photo-attachments', 'complaints/records', true)).toMatch(/bottom layer/);
    expect(edge('store/runtime', 'identity/repository')).toMatch(/store\/ imports lib\/ only/);
    expect(edge('identity/service', 'sources/repository')).toMatch(/records\.ts types only/);
    expect(edge('notifications/stream-handler', 'complaints/records')).toMatch(/records\.ts types only/);
    expect(edge('complaints/handler', 'entries/identity')).toMatch(/never imported/);
    expect(edge('store/idempotency', '../../shared/src/api/errors')).toMatch(/outside/);

    expect(edge('store/idempotency', 'lib/errors')).toBeUndefined();
    expect(edge('sources/import/csv', 'sources/records')).toBeUndefined();
    expect(edge('notifications/recipients', 'complaints/records', true)).toBeUndefined();
    expect(edge('entries/identity', 'sources/repository')).toBeUndefined();
    expect(edge('complaints/service', 'store/user-directory')).toBeUndefined();
  });
});

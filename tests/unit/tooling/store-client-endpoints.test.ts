// The terminal reaches the central store only through the store's declared endpoints
// (src-shared/store-api/endpoints), the list the store's routes register from
// (tests/unit/server/declared-endpoints.test.ts): main names no API path of its own and
// declares no endpoint of its own; every request its store clients make names a declared one.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = process.cwd();
const MAIN = path.join(ROOT, 'src-main');
const DECLARATIONS = 'src-shared/store-api/endpoints';

/** The only '/api/' paths main spells: protocols that are not the JSON API (not declared). */
const OTHER_PROTOCOLS = [
  { file: 'src-main/call/signaling-client.ts', literal: '/api/signal/', why: 'the signaling WebSocket' },
  { file: 'src-main/sync/uploads.ts', literal: '/api/uploads', why: 'tus (tus-js-client → @tus/server)' },
];

/** The store clients' request methods (central-store/store-http.ts, terminal-client.ts) and the desk's relay. */
const CLIENTS = new Set(['client', 'http', 'store']);
const REQUESTS = new Set(['call', 'json', 'send', 'text']);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
}

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

const relative = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');

/** Names imported from a module under src-shared/store-api/endpoints. */
function declaredImports(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const target = path.resolve(path.dirname(source.fileName), statement.moduleSpecifier.text);
    if (!relative(target).startsWith(DECLARATIONS)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) names.add(element.name.text);
  }
  return names;
}

describe("main's store clients call declared endpoints only", () => {
  const files = sources(MAIN);

  it("main spells no API path but the WebSocket's and tus's", () => {
    const found: { file: string; literal: string }[] = [];
    for (const file of files) {
      walk(parse(file), (node) => {
        const text =
          ts.isStringLiteral(node) ||
          ts.isNoSubstitutionTemplateLiteral(node) ||
          ts.isTemplateHead(node) ||
          ts.isTemplateMiddle(node) ||
          ts.isTemplateTail(node)
            ? node.text
            : null;
        if (text !== null && text.includes('/api/'))
          found.push({ file: relative(file), literal: text.slice(text.indexOf('/api/')) });
      });
    }
    expect(found).toEqual(OTHER_PROTOCOLS.map(({ file, literal }) => ({ file, literal })));
  });

  it('main declares no endpoint of its own (no object with a method and a path)', () => {
    const own: string[] = [];
    for (const file of files) {
      walk(parse(file), (node) => {
        if (!ts.isObjectLiteralExpression(node)) return;
        const keys = new Set(node.properties.map((p) => (p.name && ts.isIdentifier(p.name) ? p.name.text : '')));
        if (keys.has('method') && keys.has('path')) own.push(`${relative(file)}: ${node.getText().slice(0, 80)}`);
      });
    }
    expect(own).toEqual([]);
  });

  it('every request through a store client names a declared endpoint', () => {
    const bad: string[] = [];
    let requests = 0;
    for (const file of files) {
      const source = parse(file);
      if (!source.text.includes('central-store/') && !relative(file).startsWith('src-main/central-store/')) continue;
      const imported = declaredImports(source);
      walk(source, (node) => {
        if (!ts.isCallExpression(node)) return;
        const callee = node.expression;
        const isRequest =
          (ts.isPropertyAccessExpression(callee) &&
            ts.isIdentifier(callee.expression) &&
            CLIENTS.has(callee.expression.text) &&
            REQUESTS.has(callee.name.text)) ||
          (ts.isIdentifier(callee) && callee.text === 'call');
        if (!isRequest) return;
        requests += 1;
        const first = node.arguments[0];
        // A generic helper passes on the endpoint its caller named.
        if (first && ts.isIdentifier(first) && first.text === 'endpoint') return;
        const named =
          first &&
          ts.isPropertyAccessExpression(first) &&
          ts.isIdentifier(first.expression) &&
          imported.has(first.expression.text);
        if (!named) bad.push(`${relative(file)}: ${node.getText().slice(0, 100)}`);
      });
    }
    expect(bad).toEqual([]);
    expect(requests).toBeGreaterThan(40);
  });
});

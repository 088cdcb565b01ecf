// The terminal's package.json lists as dependencies only what its installer must carry: the
// native addons main loads from node_modules at run time (esbuild bundles everything else).
// The central store has its own package (src-server/package.json); the simulator's, benches'
// and tests' packages are devDependencies.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
interface Manifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  workspaces?: string[];
  scripts?: Record<string, string>;
}
const manifest = (file: string): Manifest => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as Manifest;
const root = manifest('package.json');
const store = manifest('src-server/package.json');

/** Bare package names a folder's TypeScript imports (static imports and import()). */
function importsOf(folder: string): Set<string> {
  const names = new Set<string>();
  for (const file of readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })) {
    if (!/\.tsx?$/.test(file)) continue;
    const text = readFileSync(path.join(ROOT, folder, file), 'utf8');
    for (const match of text.matchAll(
      /^\s*(?:import|export)\s[^;]*?\sfrom\s+'([^'.][^']*)'|\bimport\(\s*'([^'.][^']*)'\s*\)/gm,
    )) {
      const spec = match[1] ?? match[2] ?? '';
      if (spec.startsWith('node:')) continue;
      names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec));
    }
  }
  return names;
}

describe("the terminal's and the store's packages", () => {
  test("the terminal's dependencies are the native addons main keeps external", () => {
    const buildMain = readFileSync(path.join(ROOT, 'scripts/build-main.mjs'), 'utf8');
    const external = /MAIN_EXTERNALS = \[([^\]]*)\]/.exec(buildMain)?.[1] ?? '';
    const main = importsOf('src-main');
    for (const name of Object.keys(root.dependencies ?? {})) {
      expect(main.has(name), `${name} is imported by src-main`).toBe(true);
      const scopeWildcard = name.startsWith('@') ? `'${name.split('/')[0] ?? ''}/*'` : null;
      expect(
        external.includes(`'${name}'`) || (scopeWildcard !== null && external.includes(scopeWildcard)),
        `${name} stays external in the main bundle`,
      ).toBe(true);
    }
  });

  test('no dependency of the store, the simulator or the tests is a dependency of the terminal', () => {
    const terminal = Object.keys(root.dependencies ?? {});
    const storeOnly = Object.keys(store.dependencies ?? {}).filter((name) => !importsOf('src-main').has(name));
    expect(storeOnly).toEqual(expect.arrayContaining(['fastify', 'pg', 'kysely', '@tus/server']));
    expect(terminal.filter((name) => storeOnly.includes(name))).toEqual([]);
    expect(terminal).not.toContain('@roamhq/wrtc');
    expect(terminal).not.toContain('playwright-core');
  });

  test('the store declares everything it imports, and runs on its own', () => {
    const declared = new Set(Object.keys(store.dependencies ?? {}));
    // src-shared comes with the store (relative imports), so its packages are the store's too.
    for (const name of [...importsOf('src-server'), ...importsOf('src-shared')]) expect(declared.has(name), name).toBe(true);
    expect(store.scripts?.start).toBe('tsx main.ts');
    expect(declared.has('tsx')).toBe(true);
    expect(root.workspaces).toEqual(expect.arrayContaining(['src-server']));
  });

  test('same version of a package wherever it is declared (one copy in node_modules)', () => {
    const all = { ...root.devDependencies, ...root.dependencies };
    for (const [name, version] of Object.entries(store.dependencies ?? {})) if (all[name]) expect(all[name], name).toBe(version);
  });
});

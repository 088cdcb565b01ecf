// electron-builder.yml: parsed with js-yaml (electron-builder's own dependency, loaded
// through require because the project has no types for it) and walked against
// app-builder-lib's JSON schema, so a misspelt property name fails here, not at release.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const load = createRequire(import.meta.url);
const yaml = load('js-yaml') as { load(text: string): unknown };
const schema = load('app-builder-lib/scheme.json') as SchemaNode & { definitions: Record<string, SchemaNode> };
const config = yaml.load(
  readFileSync(fileURLToPath(new URL('../../../electron-builder.yml', import.meta.url)), 'utf8'),
) as Record<string, unknown>;

interface SchemaNode {
  $ref?: string;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
}

/** The concrete alternatives a schema node allows ($ref and anyOf/oneOf flattened). */
function alternatives(node: SchemaNode): SchemaNode[] {
  if (node.$ref) return alternatives(schema.definitions[node.$ref.replace('#/definitions/', '')] ?? {});
  const options = node.anyOf ?? node.oneOf;
  return options ? options.flatMap(alternatives) : [node];
}

const typesOf = (n: SchemaNode): string[] => (n.type === undefined ? [] : Array.isArray(n.type) ? n.type : [n.type]);

/** Problems of a value against a schema node: unknown keys, wrong enum values, wrong kinds. */
function problems(value: unknown, node: SchemaNode, at: string): string[] {
  const alts = alternatives(node);
  const attempts: string[][] = [];
  for (const alt of alts) {
    const types = typesOf(alt);
    if (Array.isArray(value)) {
      if (!types.includes('array') && !alt.items) continue;
      attempts.push(alt.items ? value.flatMap((v, i) => problems(v, alt.items as SchemaNode, `${at}[${i}]`)) : []);
    } else if (value !== null && typeof value === 'object') {
      if (!types.includes('object') && !alt.properties) continue;
      const out: string[] = [];
      for (const [key, v] of Object.entries(value)) {
        const prop = alt.properties?.[key];
        if (prop) out.push(...problems(v, prop, `${at}.${key}`));
        else if (alt.additionalProperties === false) out.push(`${at}.${key}: unknown property`);
      }
      attempts.push(out);
    } else {
      const kind = value === null ? 'null' : typeof value === 'number' && Number.isInteger(value) ? 'integer' : typeof value;
      const ok =
        (alt.enum ? alt.enum.includes(value) : true) &&
        (types.length === 0 || types.includes(kind) || (kind === 'integer' && types.includes('number')));
      attempts.push(ok ? [] : [`${at}: ${JSON.stringify(value)} not allowed`]);
    }
  }
  if (attempts.length === 0) return alts.length === 0 ? [] : [`${at}: wrong kind of value`];
  return attempts.reduce((best, a) => (a.length < best.length ? a : best));
}

describe('electron-builder.yml', () => {
  test("every property exists in app-builder-lib's schema", () => {
    expect(problems(config, schema, 'config')).toEqual([]);
  });

  test('the schema walk does catch a misspelt property', () => {
    expect(problems({ ...config, electronFuses: { runAsnode: false } }, schema, 'config')).toEqual([
      'config.electronFuses.runAsnode: unknown property',
    ]);
    expect(problems({ linux: { target: [{ target: 'deb', arch: ['x86'] }] } }, schema, 'config').length).toBeGreaterThan(0);
  });

  test('identity and contents', () => {
    expect(config.appId).toMatch(/^[a-z0-9.]+$/);
    expect(config.productName).toBe('远程视频会见终端');
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(expect.arrayContaining(['dist/**', 'package.json']));
    expect(config.asarUnpack).toEqual(['**/*.node']);
  });

  test('native addons for the target, never rebuilt in the development node_modules', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.beforePack).toBe('./scripts/build/electron-builder-hooks.mjs');
    expect(config.afterPack).toBe('./scripts/build/electron-builder-hooks.mjs');
    expect(config.files).toContainEqual({ from: 'build/native/${platform}-${arch}', to: 'node_modules', filter: ['**/*.node'] });
  });

  test('ffmpeg for the target in resources/ffmpeg', () => {
    expect(config.extraResources).toEqual([{ from: 'build/ffmpeg/${platform}-${arch}', to: 'ffmpeg' }]);
  });

  test('kiosk: no desktop shortcut, started at login on Windows and in every Linux desktop session', () => {
    const nsis = config.nsis as { createDesktopShortcut: boolean; include: string };
    expect(nsis.createDesktopShortcut).toBe(false);
    const installer = readFileSync(fileURLToPath(new URL(`../../../${nsis.include}`, import.meta.url)), 'utf8');
    expect(installer).toMatch(
      /!macro customInstall\s+\$\{ifNot\} \$\{isUpdated\}\s+WriteRegStr HKLM "Software\\Microsoft\\Windows\\CurrentVersion\\Run"/,
    );
    expect(installer).toMatch(
      /!macro customUnInstall\s+\$\{ifNot\} \$\{isUpdated\}\s+DeleteRegValue HKLM "Software\\Microsoft\\Windows\\CurrentVersion\\Run"/,
    );
    const fpm = (config.deb as { fpm: string[] }).fpm;
    const [source, destination] = (fpm.find((m) => m.includes('/etc/xdg/autostart/')) ?? '').split('=');
    expect(destination).toBe('/etc/xdg/autostart/yunnan-visitation-terminal.desktop');
    const entry = readFileSync(fileURLToPath(new URL(`../../../${source}`, import.meta.url)), 'utf8');
    expect(entry).toContain('[Desktop Entry]');
    expect(entry).toContain(`Exec=/usr/bin/${String(config.executableName)}`);
  });

  test('issue #22 item 5: every launcher starts the terminal with the same V8 flags (main memory flat over a long visit)', () => {
    const args = (config.linux as { executableArgs: string[] }).executableArgs;
    expect(args).toEqual(['--js-flags=--max-semi-space-size=2']);
    const flag = args[0] as string;
    const text = (p: string) => readFileSync(fileURLToPath(new URL(`../../../${p}`, import.meta.url)), 'utf8');
    const fpm = (config.deb as { fpm: string[] }).fpm;
    const autostart = (fpm.find((m) => m.includes('/etc/xdg/autostart/')) ?? '').split('=')[0] ?? '';
    expect(text(autostart)).toContain(`Exec=/usr/bin/${String(config.executableName)} ${flag}\n`);
    expect(text((config.nsis as { include: string }).include)).toContain(`"$INSTDIR\\\${APP_EXECUTABLE_FILENAME}" ${flag}'`);
    expect(text('scripts/start.mjs')).toContain(`'${flag}'`);
    // The sessions an administrator sets up by hand (Shell Launcher, Assigned Access, LightDM, systemd).
    const deploy = text('docs/deploy.md');
    for (const launcher of [
      'yunnan-visitation-terminal.exe" ',
      'AutoLaunchArguments="',
      'Exec=/usr/bin/yunnan-visitation-terminal ',
      'ExecStart=/usr/bin/yunnan-visitation-terminal ',
    ])
      expect(deploy, launcher).toContain(`${launcher}${flag}`);
  });

  test('fuses: no Node escape hatches, asar integrity on', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  test('targets: Windows NSIS x64; Linux deb and AppImage for x64 and arm64', () => {
    const win = config.win as { target: Array<{ target: string; arch: string[] }> };
    expect(win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    const linux = config.linux as { target: Array<{ target: string; arch: string[] }>; maintainer?: string };
    expect(linux.target).toEqual([
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'AppImage', arch: ['x64', 'arm64'] },
    ]);
    // fpm refuses a deb without a maintainer, and package.json has no author to fall back on.
    expect(linux.maintainer).toMatch(/<.+@.+>/);
  });
});

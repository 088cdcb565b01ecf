import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { APP_CSP } from '../../../src-main/electron/csp';
import {
  APP_SCHEME_PRIVILEGES,
  checkRequestPath,
  CONTENT_SECURITY_POLICY,
  contentTypeFor,
  createAppProtocolHandler,
  resolveAppFile,
  SECURITY_HEADERS,
} from '../../../src-main/electron/protocol';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'kiosk-protocol-'));
  root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>终端</title>');
  writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(path.join(root, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(path.join(root, 'assets', 'font.woff2'), 'x');
  writeFileSync(path.join(root, 'assets', '中文 名.png'), 'png');
  writeFileSync(path.join(base, 'secret.txt'), 'secret');
  mkdirSync(path.join(base, 'renderer-evil'));
  writeFileSync(path.join(base, 'renderer-evil', 'x.js'), 'evil');
  // Symlinks: one pointing out of the root, one staying inside it.
  symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'assets', 'leak.txt'));
  symlinkSync(base, path.join(root, 'up'));
  symlinkSync(path.join(root, 'index.html'), path.join(root, 'alias.html'));
  symlinkSync(path.join(base, 'renderer-evil'), path.join(root, 'sibling'));
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('app:// scheme privileges', () => {
  test('standard, secure and fetch-capable; never bypasses CSP', () => {
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('app');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true, supportFetchAPI: true });
    expect(APP_SCHEME_PRIVILEGES.privileges?.bypassCSP).toBeFalsy();
    expect(APP_SCHEME_PRIVILEGES.privileges?.allowServiceWorkers).toBeFalsy();
    expect(APP_SCHEME_PRIVILEGES.privileges?.corsEnabled).toBeFalsy();
  });
});

describe('request path check', () => {
  test('plain paths pass', () => {
    expect(checkRequestPath('app://kiosk/index.html')).toEqual({ ok: true, segments: ['index.html'] });
    expect(checkRequestPath('app://kiosk/')).toEqual({ ok: true, segments: ['index.html'] });
    expect(checkRequestPath('app://kiosk')).toEqual({ ok: true, segments: ['index.html'] });
    expect(checkRequestPath('app://kiosk/assets/a.js?v=1#x')).toEqual({ ok: true, segments: ['assets', 'a.js'] });
    expect(checkRequestPath('app://kiosk/assets/%E4%B8%AD%E6%96%87.png')).toEqual({ ok: true, segments: ['assets', '中文.png'] });
  });

  test.each([
    ['dot-dot', 'app://kiosk/../secret.txt'],
    ['dot-dot inside', 'app://kiosk/assets/../../secret.txt'],
    ['single dot', 'app://kiosk/./index.html'],
    ['encoded dots', 'app://kiosk/%2e%2e/secret.txt'],
    ['encoded dots upper case', 'app://kiosk/%2E%2E/secret.txt'],
    ['half-encoded dots', 'app://kiosk/.%2e/secret.txt'],
    ['encoded slash and dots', 'app://kiosk/assets%2f..%2f..%2fsecret.txt'],
    ['double-encoded dots', 'app://kiosk/%252e%252e/secret.txt'],
    ['triple-encoded dots', 'app://kiosk/%25252e%25252e/secret.txt'],
    ['backslash', 'app://kiosk/..\\secret.txt'],
    ['encoded backslash', 'app://kiosk/..%5csecret.txt'],
    ['plain backslash in name', 'app://kiosk/assets\\a.js'],
    ['NUL', 'app://kiosk/index.html%00.png'],
    ['control character', 'app://kiosk/index%0a.html'],
    ['absolute path (double slash)', 'app://kiosk//etc/passwd'],
    ['encoded absolute path', 'app://kiosk/%2fetc%2fpasswd'],
    ['windows drive', 'app://kiosk/C:/Windows/win.ini'],
    ['encoded windows drive', 'app://kiosk/C%3a%5cWindows%5cwin.ini'],
    ['alternate data stream', 'app://kiosk/index.html::$DATA'],
    ['other host', 'app://other/index.html'],
    ['look-alike host', 'app://kiosk.evil/index.html'],
    ['credentials', 'app://kiosk@evil/index.html'],
    ['other scheme', 'file:///etc/passwd'],
  ])('rejects %s', (_name, url) => {
    const result = checkRequestPath(url);
    expect(result.ok).toBe(false);
    if (!result.ok) expect([400, 403]).toContain(result.status);
  });

  test('malformed escapes are a 400', () => {
    expect(checkRequestPath('app://kiosk/%E4%B8.png')).toMatchObject({ ok: false, status: 400 });
    expect(checkRequestPath('app://kiosk/%zz')).toMatchObject({ ok: false, status: 400 });
  });
});

describe('file resolution', () => {
  test('real files are served with their real path and type', () => {
    expect(resolveAppFile('app://kiosk/index.html', root)).toMatchObject({ ok: true, contentType: 'text/html; charset=utf-8' });
    expect(resolveAppFile('app://kiosk/assets/index-abc.js', root)).toMatchObject({
      ok: true,
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppFile('app://kiosk/assets/%E4%B8%AD%E6%96%87%20%E5%90%8D.png', root)).toMatchObject({
      ok: true,
      contentType: 'image/png',
    });
  });

  test('missing files and directories are 404', () => {
    expect(resolveAppFile('app://kiosk/nope.js', root)).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppFile('app://kiosk/assets', root)).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppFile('app://kiosk/index.html', path.join(base, 'not-built'))).toMatchObject({ ok: false, status: 404 });
  });

  test('a symlink out of the root is 403; one that stays inside is served', () => {
    expect(resolveAppFile('app://kiosk/assets/leak.txt', root)).toMatchObject({ ok: false, status: 403 });
    expect(resolveAppFile('app://kiosk/up/secret.txt', root)).toMatchObject({ ok: false, status: 403 });
    expect(resolveAppFile('app://kiosk/alias.html', root)).toMatchObject({ ok: true, filePath: path.join(root, 'index.html') });
  });

  test("a sibling folder whose name starts with the root's is not inside it", () => {
    // realpath gives <base>/renderer-evil/x.js: a string prefix match on <base>/renderer would pass it.
    expect(resolveAppFile('app://kiosk/sibling/x.js', root)).toMatchObject({ ok: false, status: 403 });
  });

  test('content types', () => {
    expect(contentTypeFor('a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('a.SVG')).toBe('image/svg+xml');
    expect(contentTypeFor('a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('a.json')).toBe('application/json; charset=utf-8');
    expect(contentTypeFor('a.wasm')).toBe('application/wasm');
    expect(contentTypeFor('a.unknown')).toBe('application/octet-stream');
    expect(contentTypeFor('Makefile')).toBe('application/octet-stream');
  });
});

describe('CSP', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name ?? '', values] as const;
    }),
  );

  test('is strict', () => {
    expect(APP_CSP).toBe(CONTENT_SECURITY_POLICY);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('frame-src')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('media-src')).toEqual(["'self'", 'blob:', 'mediastream:']);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
  });

  test('allows no inline code, no eval and no remote host', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe-eval|unsafe-hashes|\*|https?:|ws:/);
  });
});

describe('protocol handler (Fetch API)', () => {
  const handler = () => createAppProtocolHandler(root);

  test('serves a file with CSP and the security headers', async () => {
    const response = await handler()(new Request('app://kiosk/index.html'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('终端');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers.get(name)).toBe(value);
  });

  test('errors carry the CSP too, and say nothing about the file system', async () => {
    const logged: string[] = [];
    const h = createAppProtocolHandler(root, (m) => logged.push(m));
    const forbidden = await h(new Request('app://kiosk/assets/leak.txt'));
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await forbidden.text()).toBe('Forbidden');
    expect(logged.length).toBe(1);
    const missing = await h(new Request('app://kiosk/nope.js'));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  test('only GET and HEAD', async () => {
    expect((await handler()(new Request('app://kiosk/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
    const head = await handler()(new Request('app://kiosk/assets/index-abc.css', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });
});

// The store's channel file as electron-updater reads it (its own parseUpdateInfo and
// resolveFiles), hostile release notes included, and the percentage rollout's hash.
import { parseUpdateInfo, resolveFiles } from 'electron-updater/out/providers/Provider';
import { describe, expect, it } from 'vitest';
import { currentVersionYaml, feedYaml } from '../../../../src-server/areas/updates/feed-yaml';
import { compareVersions, reaches, rolloutBucket } from '../../../../src-server/areas/updates/rollout-match';

const SHA = `${'A'.repeat(85)}Q==`;
const build = {
  id: '4b7d2a4e-8a51-4f0e-9d9b-2f1f6c1c1a00',
  version: '2.1.0-rc.1',
  target: 'win32-x64',
  releaseNotes: '第一行\n"引号" \\ # : - [ ] { } & * ! | > \' % @ `\u2028',
  releaseDate: '2026-12-07T06:00:00.000Z',
  signature: `${'B'.repeat(86)}==`,
  files: [
    { name: 'yunnan-visitation-terminal-2.1.0-win-x64.exe', sha512: SHA, size: 123_456_789 },
    { name: 'second.exe', sha512: SHA, size: 1 },
  ],
};

describe("the store's feed, read by electron-updater", () => {
  it('parses to the build: version, files resolved against the feed folder, sha512, size, notes and the signature', () => {
    const url = 'http://127.0.0.1:8787/api/updates/stable/latest.yml';
    const info = parseUpdateInfo(feedYaml(build), 'latest.yml', new URL(url));
    expect(info).toMatchObject({
      version: '2.1.0-rc.1',
      releaseNotes: build.releaseNotes,
      releaseDate: build.releaseDate,
      path: `files/${build.id}/${build.files[0]?.name}`,
    });
    expect((info as unknown as Record<string, unknown>)['x-province-signature']).toBe(build.signature);
    const files = resolveFiles(info, new URL('http://127.0.0.1:8787/api/updates/stable/'));
    expect(files.map((f) => f.url.href)).toEqual(
      build.files.map((f) => `http://127.0.0.1:8787/api/updates/stable/files/${build.id}/${f.name}`),
    );
    expect(files.map((f) => [f.info.sha512, f.info.size])).toEqual(build.files.map((f) => [f.sha512, f.size]));
  });

  it("answers the terminal's own version when nothing is rolled out to it", () => {
    const info = parseUpdateInfo(
      currentVersionYaml('1.0.0', '1970-01-01T00:00:00.000Z'),
      'latest.yml',
      new URL('http://x/latest.yml'),
    );
    expect(info.version).toBe('1.0.0');
    expect(info.files).toEqual([]);
  });
});

describe('which terminals a rollout reaches', () => {
  it('a percentage is a stable hash bucket: the same answer every time, about the share asked, and raising it only adds terminals', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `ynjy${String(i).padStart(4, '0')}-room1`);
    expect(ids.map(rolloutBucket)).toEqual(ids.map(rolloutBucket));
    const share = ids.filter((id) => reaches({ kind: 'percentage', percent: 25 }, id)).length / ids.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.3);
    for (const id of ids)
      if (reaches({ kind: 'percentage', percent: 10 }, id)) expect(reaches({ kind: 'percentage', percent: 60 }, id)).toBe(true);
    expect(ids.every((id) => reaches({ kind: 'percentage', percent: 100 }, id) && reaches({ kind: 'all' }, id))).toBe(true);
    expect(reaches({ kind: 'terminals', terminalIds: ['a', 'b'] }, 'b')).toBe(true);
    expect(reaches({ kind: 'terminals', terminalIds: ['a', 'b'] }, 'c')).toBe(false);
  });

  it('orders versions as semver does', () => {
    const sorted = ['1.10.0', '1.2.0', '1.2.0-rc.2', '1.2.0-rc.10', '1.2.0-beta', '2.0.0'].sort(compareVersions);
    expect(sorted).toEqual(['1.2.0-beta', '1.2.0-rc.2', '1.2.0-rc.10', '1.2.0', '1.10.0', '2.0.0']);
  });
});

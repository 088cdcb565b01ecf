// Terminal updates through a real store on SQLite and PostgreSQL: the province uploads a signed
// build, rolls it out, and each terminal's feed is read by electron-updater's own generic
// provider (its YAML parse and file resolution) over HTTP on 127.0.0.1, with a plain Node HTTP
// executor in place of Electron's net module. Only the terminals a rollout reaches are offered
// the build or may download it; refused uploads leave nothing behind.
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import http from 'node:http';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { CancellationToken, HttpExecutor } from 'builder-util-runtime';
import type { UpdateInfo } from 'builder-util-runtime';
import { GenericProvider } from 'electron-updater/out/providers/GenericProvider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../harness/store/databases';
import { sampleHeartbeat } from '../../../harness/store/fleet';
import { startStore, type TestStore } from '../../../harness/store/store';
import { enrolTerminal, type EnrolledTerminal } from '../../../harness/store/sync-helpers';
import { buildWorld, type World } from '../../../harness/store/world';
import { rolloutBucket } from '../../../src-server/areas/updates/rollout-match';
import { TERMINAL_VERSION_HEADER } from '../../../src-shared/store-api/endpoints/updates';
import { buildSignatureText, type UpdateTarget } from '../../../src-shared/updates/build-signature';
import { checkFeedSignature, provinceKey } from '../../../src-main/updates/verify-update';

/** builder-util-runtime's executor over node:http (electron-updater's own one needs Electron's net). */
class NodeExecutor extends HttpExecutor<http.ClientRequest> {
  createRequest(options: http.RequestOptions, callback: (response: http.IncomingMessage) => void): http.ClientRequest {
    // A socket per request: builder-util-runtime adds a timeout listener to each request's socket.
    return http.request({ ...options, agent: false }, callback);
  }
}

const province = generateKeyPairSync('ed25519');
const provincePublicPem = province.publicKey.export({ format: 'pem', type: 'spki' }).toString();
const sha512 = (bytes: Buffer) => createHash('sha512').update(bytes).digest('base64');

interface Installer {
  name: string;
  bytes: Buffer;
}

function buildBody(version: string, target: UpdateTarget, files: readonly Installer[], key = province.privateKey) {
  const declared = files.map((f) => ({ name: f.name, sha512: sha512(f.bytes), size: f.bytes.length }));
  const signature = sign(null, Buffer.from(buildSignatureText(version, target, declared), 'utf8'), key).toString('base64');
  return { version, target, channel: 'stable', releaseNotes: '修复：读卡器重连', files: declared, signature };
}

describe.each(ENGINES)('terminal updates from the central store [%s]', (engine) => {
  let store: TestStore;
  let w: World;
  let first: EnrolledTerminal;
  let second: EnrolledTerminal;
  const arch = process.env['TEST_UPDATER_ARCH'];

  const put = async (token: string, buildId: string, name: string, bytes: Buffer, contentType = 'application/octet-stream') => {
    const res = await fetch(`${store.url}/api/updates/builds/${buildId}/files/${name}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body: new Uint8Array(bytes),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const createComplete = async (version: string, target: UpdateTarget = 'linux-x64') => {
    const installer = { name: `yunnan-visitation-terminal-${version}-linux-x86_64.AppImage`, bytes: randomBytes(64 * 1024 + 17) };
    const created = await store.call('POST', '/api/updates/builds', {
      token: w.tokens.provinceAdmin,
      body: buildBody(version, target, [installer]),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await put(w.tokens.provinceAdmin, created.body.id, installer.name, installer.bytes)).status).toBe(200);
    return { id: created.body.id as string, installer };
  };
  /** electron-updater's generic provider as the terminal runs it: the feed at <store>/api/updates/stable/. */
  const provider = (terminal: EnrolledTerminal, platform: 'linux' | 'win32' = 'linux', runningVersion?: string) => {
    const p = new GenericProvider(
      { provider: 'generic', url: `${store.url}/api/updates/stable/` },
      // The updater's fields the provider reads: its channel and whether to add a no-cache query.
      { channel: null, isAddNoCacheQuery: false } as never,
      // The provider only requests through its executor; Electron's adds download(), unused here.
      { executor: new NodeExecutor() as never, platform, isUseMultipleRangeRequest: false },
    );
    p.setRequestHeaders({
      authorization: `Bearer ${terminal.token}`,
      ...(runningVersion ? { [TERMINAL_VERSION_HEADER]: runningVersion } : {}),
    });
    return p;
  };
  const tableCounts = async () => {
    const db = store.app.ctx.db;
    const count = async (table: 'update_builds' | 'update_build_files' | 'update_rollouts') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const stored = await db.selectFrom('update_build_files').select('storage_key').where('storage_key', 'is not', null).execute();
    return {
      builds: await count('update_builds'),
      files: await count('update_build_files'),
      rollouts: await count('update_rollouts'),
      stored: stored.length,
    };
  };
  const buildsDir = () => path.join(store.fresh.dataDir, 'builds');

  beforeAll(async () => {
    // The generic provider names the channel file after the CPU: x64 reads latest-linux.yml.
    process.env['TEST_UPDATER_ARCH'] = 'x64';
    store = await startStore(engine);
    w = await buildWorld(store);
    first = await enrolTerminal(store, w.tokens.prisonAAdmin, w.prisonA.roomId);
    second = await enrolTerminal(store, w.tokens.bureauAAdmin, w.bureauA.roomId);
  }, 60_000);
  afterAll(async () => {
    if (arch === undefined) delete process.env['TEST_UPDATER_ARCH'];
    else process.env['TEST_UPDATER_ARCH'] = arch;
    await store?.stop();
  });

  it("only the province's administrators upload builds and roll them out; others are refused and nothing changes", async () => {
    const before = await tableCounts();
    const body = buildBody('1.1.0', 'linux-x64', [{ name: 'a.AppImage', bytes: Buffer.from('x') }]);
    for (const token of [w.tokens.prisonAAdmin, w.tokens.supervisor, w.tokens.bureauAAdmin, first.token]) {
      const res = await store.call('POST', '/api/updates/builds', { token, body });
      expect(res.status).toBe(403);
    }
    expect((await store.call('GET', '/api/updates/builds', { token: w.tokens.prisonAAdmin })).status).toBe(403);
    expect((await store.call('POST', '/api/updates/builds', { body })).status).toBe(401);
    expect(await tableCounts()).toEqual(before);
  });

  it('an installer with the wrong SHA-512, or more bytes than declared, is refused and leaves nothing; a build is rolled out only when complete', async () => {
    const installer = { name: 'yunnan-visitation-terminal-1.2.0.AppImage', bytes: randomBytes(32 * 1024) };
    const created = await store.call('POST', '/api/updates/builds', {
      token: w.tokens.provinceAdmin,
      body: buildBody('1.2.0', 'linux-x64', [installer]),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ version: '1.2.0', complete: false, files: [{ name: installer.name, uploaded: false }] });
    const id = created.body.id as string;
    const before = await tableCounts();
    const filesBefore = readdirSync(buildsDir()).length;

    const tampered = Buffer.from(installer.bytes);
    tampered[100] = (tampered[100] ?? 0) ^ 0xff;
    const wrongHash = await put(w.tokens.provinceAdmin, id, installer.name, tampered);
    expect(wrongHash.status).toBe(400);
    expect(JSON.stringify(wrongHash.body)).toContain('SHA-512');
    const tooLong = await put(w.tokens.provinceAdmin, id, installer.name, Buffer.concat([installer.bytes, Buffer.from('extra')]));
    expect([400, 413]).toContain(tooLong.status);
    // Sent without a length (chunked): cut off at the declared size as it streams.
    const chunked = await fetch(`${store.url}/api/updates/builds/${id}/files/${installer.name}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${w.tokens.provinceAdmin}`, 'content-type': 'application/octet-stream' },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 4; i++) controller.enqueue(new Uint8Array(installer.bytes));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(400);
    expect(JSON.stringify(await chunked.json())).toContain('超过');
    const tooShort = await put(w.tokens.provinceAdmin, id, installer.name, installer.bytes.subarray(1));
    expect(tooShort.status).toBe(400);
    expect((await put(w.tokens.provinceAdmin, id, installer.name, installer.bytes, 'text/plain')).status).toBe(415);
    expect((await put(w.tokens.prisonAAdmin, id, installer.name, installer.bytes)).status).toBe(403);
    expect((await put(w.tokens.provinceAdmin, id, 'other.AppImage', installer.bytes)).status).toBe(404);
    // A declared size above the limit is refused before any byte is sent.
    const huge = buildBody('1.2.1', 'linux-x64', [installer]);
    const oversized = await store.call('POST', '/api/updates/builds', {
      token: w.tokens.provinceAdmin,
      body: { ...huge, files: [{ ...huge.files[0], size: 2 * 1024 ** 3 }] },
    });
    expect(oversized.status).toBe(400);
    expect(await tableCounts()).toEqual(before);
    expect(readdirSync(buildsDir()).length).toBe(filesBefore);

    const early = await store.call('POST', '/api/updates/rollouts', {
      token: w.tokens.provinceAdmin,
      body: { buildId: id, target: { kind: 'all' } },
    });
    expect(early.status).toBe(409);
    const uploaded = await put(w.tokens.provinceAdmin, id, installer.name, installer.bytes);
    expect(uploaded.status).toBe(200);
    expect(uploaded.body).toMatchObject({ complete: true });
    expect((await put(w.tokens.provinceAdmin, id, installer.name, installer.bytes)).status).toBe(409);
    // The same version for the same target and channel again: a conflict.
    expect(
      (
        await store.call('POST', '/api/updates/builds', {
          token: w.tokens.provinceAdmin,
          body: buildBody('1.2.0', 'linux-x64', [installer]),
        })
      ).status,
    ).toBe(409);
  });

  it('a rollout to one of two terminals reaches only that one: its feed, read by electron-updater, offers the build; the other stays', async () => {
    const { id, installer } = await createComplete('2.0.0');
    const unknown = await store.call('POST', '/api/updates/rollouts', {
      token: w.tokens.provinceAdmin,
      body: { buildId: id, target: { kind: 'terminals', terminalIds: ['no-such-terminal'] } },
    });
    expect(unknown.status).toBe(400);
    const rollout = await store.call('POST', '/api/updates/rollouts', {
      token: w.tokens.provinceAdmin,
      body: { buildId: id, target: { kind: 'terminals', terminalIds: [first.terminalId] } },
    });
    expect(rollout.status).toBe(201);
    expect(rollout.body).toMatchObject({
      buildId: id,
      version: '2.0.0',
      target: { kind: 'terminals', terminalIds: [first.terminalId] },
    });

    // The first terminal: electron-updater parses the feed and resolves the installer's URL.
    const feed = provider(first, 'linux', '1.0.0');
    const info: UpdateInfo = await feed.getLatestVersion();
    expect(info.version).toBe('2.0.0');
    expect(info.releaseNotes).toBe('修复：读卡器重连');
    const [file, ...rest] = feed.resolveFiles(info);
    expect(rest).toEqual([]);
    if (!file) throw new Error('no file in the feed');
    expect(file.url.href).toBe(`${store.url}/api/updates/stable/files/${id}/${installer.name}`);
    expect(file.info).toMatchObject({ sha512: sha512(installer.bytes), size: installer.bytes.length });
    // The terminal's own check of the province's signature, over what electron-updater parsed.
    expect(checkFeedSignature(info as unknown as Record<string, unknown>, provinceKey(provincePublicPem))).toEqual({ ok: true });
    const other = generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect(checkFeedSignature(info as unknown as Record<string, unknown>, provinceKey(other))).toMatchObject({ ok: false });
    expect(
      checkFeedSignature({ ...info, version: '2.0.1' } as unknown as Record<string, unknown>, provinceKey(provincePublicPem)),
    ).toMatchObject({ ok: false });
    // The download, through the same executor with the terminal's credential.
    const downloaded = await new NodeExecutor().downloadToBuffer(file.url, {
      headers: { authorization: `Bearer ${first.token}` },
      cancellationToken: new CancellationToken(),
    });
    expect(sha512(downloaded)).toBe(file.info.sha512);

    // The second terminal is offered its own version (electron-updater: update not available)…
    expect((await provider(second, 'linux', '1.0.0').getLatestVersion()).version).toBe('1.0.0');
    // …or, not saying its version, the channel file's "not found", and never the file.
    await expect(provider(second).getLatestVersion()).rejects.toMatchObject({ code: 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND' });
    const refused = await fetch(file.url, { headers: { authorization: `Bearer ${second.token}` } });
    expect(refused.status).toBe(404);
    // Windows' feed (latest.yml) has no build for this terminal either; staff and strangers get no feed.
    await expect(provider(first, 'win32').getLatestVersion()).rejects.toMatchObject({
      code: 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND',
    });
    expect((await store.call('GET', '/api/updates/stable/latest-linux.yml', { token: w.tokens.provinceAdmin })).status).toBe(403);
    expect((await store.call('GET', '/api/updates/stable/latest-linux.yml')).status).toBe(401);
    expect((await store.call('GET', '/api/updates/stable/latest-mac.yml', { token: first.token })).status).toBe(400);

    // The fleet page: both report 1.0.0; only the terminal the rollout reaches is behind it.
    for (const t of [first, second]) {
      const beat = await store.call('POST', '/api/fleet/heartbeats', {
        token: t.token,
        body: { ...sampleHeartbeat(store.clock.now()), version: '1.0.0' },
      });
      expect(beat.status).toBe(200);
    }
    const fleet = await store.call('GET', '/api/fleet/terminals', { token: w.tokens.provinceAdmin });
    const alertsOf = (id: string) =>
      (fleet.body as { id: string; alerts: { kind: string; message: string }[] }[]).find((t) => t.id === id)?.alerts;
    expect(alertsOf(first.terminalId)).toEqual([{ kind: 'version', message: '版本 1.0.0 落后于推送版本 2.0.0' }]);
    expect(alertsOf(second.terminalId)).toEqual([]);
  });

  it('a percentage rollout picks terminals by a stable hash of their id, the same at every ask; all reaches everyone', async () => {
    const { id } = await createComplete('3.0.0');
    // The first terminal inside, by its bucket; the second by the same rule, whatever it is.
    const percent = rolloutBucket(first.terminalId) + 1;
    const res = await store.call('POST', '/api/updates/rollouts', {
      token: w.tokens.provinceAdmin,
      body: { buildId: id, target: { kind: 'percentage', percent } },
    });
    expect(res.status).toBe(201);
    const secondIn = rolloutBucket(second.terminalId) < percent;
    for (let ask = 0; ask < 3; ask++) {
      expect((await provider(first, 'linux', '1.0.0').getLatestVersion()).version).toBe('3.0.0');
      expect((await provider(second, 'linux', '1.0.0').getLatestVersion()).version).toBe(secondIn ? '3.0.0' : '1.0.0');
    }

    const { id: everyone } = await createComplete('3.1.0');
    expect(
      (
        await store.call('POST', '/api/updates/rollouts', {
          token: w.tokens.provinceAdmin,
          body: { buildId: everyone, target: { kind: 'all' } },
        })
      ).status,
    ).toBe(201);
    expect((await provider(first, 'linux', '1.0.0').getLatestVersion()).version).toBe('3.1.0');
    expect((await provider(second, 'linux', '1.0.0').getLatestVersion()).version).toBe('3.1.0');
    const listed = await store.call('GET', '/api/updates/rollouts', { token: w.tokens.provinceAdmin });
    expect(listed.body.map((r: { version: string }) => r.version)).toEqual(expect.arrayContaining(['2.0.0', '3.0.0', '3.1.0']));
  });
});

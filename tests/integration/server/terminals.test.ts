import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../harness/store/databases';
import { startStore } from '../../../harness/store/store';
import type { TestStore } from '../../../harness/store/store';
import { buildWorld } from '../../../harness/store/world';
import type { World } from '../../../harness/store/world';

describe.each(ENGINES)('terminal enrolment and credentials [%s]', (engine) => {
  let store: TestStore;
  let w: World;

  const issueCode = async (token: string, roomId: string) => {
    const res = await store.call('POST', '/api/terminals/enrolment-codes', { token, body: { roomId } });
    expect(res.status).toBe(201);
    return res.body.code as string;
  };
  const enrol = (code: string, extra: Record<string, unknown> = {}) =>
    store.call('POST', '/api/terminals/enrol', { body: { code, name: '会见终端', ...extra } });
  const session = (terminalId: string, secret: string) =>
    store.call('POST', '/api/terminals/session', { body: { terminalId, secret } });
  const terminalCount = async () =>
    Number(
      (
        await store.app.ctx.db
          .selectFrom('terminals')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    store = await startStore(engine);
    w = await buildWorld(store);
  });
  afterAll(async () => {
    await store?.stop();
  });

  it("an administrator of the room's site issues a code; the terminal enrols once and acts for its room", async () => {
    const code = await issueCode(w.tokens.prisonAAdmin, w.prisonA.roomId);
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    // Typed back in lower case without dashes: still the same code.
    const enrolled = await enrol(code.toLowerCase().replaceAll('-', ''));
    expect(enrolled.status).toBe(201);
    expect(enrolled.body).toMatchObject({ roomId: w.prisonA.roomId, organisationId: w.prisonA.wardId });
    const { terminalId, secret } = enrolled.body;
    // Only a hash of the credential is stored.
    const row = await store.app.ctx.db.selectFrom('terminals').selectAll().where('id', '=', terminalId).executeTakeFirstOrThrow();
    expect(row.secret_hash).not.toContain(secret);

    const tokenRes = await session(terminalId, secret);
    expect(tokenRes.status).toBe(200);
    const token = tokenRes.body.token as string;
    const me = await store.call('GET', '/api/auth/me', { token });
    expect(me.body).toEqual({ kind: 'terminal', terminalId, roomId: w.prisonA.roomId, organisationId: w.prisonA.wardId });
    expect((await store.call('GET', `/api/rooms/${w.prisonA.roomId}`, { token })).status).toBe(200);

    // A terminal acts only for its own room.
    const wrongRoom = await store.call('GET', `/api/rooms/${w.prisonB.roomId}`, { token });
    expect(wrongRoom.status).toBe(403);
    expect(wrongRoom.body.error.code).toBe('FORBIDDEN');
    // And it is not staff.
    expect((await store.call('GET', '/api/inmates', { token })).status).toBe(403);
    expect(
      (await store.call('POST', '/api/terminals/enrolment-codes', { token, body: { roomId: w.prisonA.roomId } })).status,
    ).toBe(403);
  });

  it('a terminal keeps its own safe id (not only a UUID); an unsafe one is 400 in zh-CN, nothing stored, the code still usable', async () => {
    const code = await issueCode(w.tokens.prisonAAdmin, w.prisonA.roomId);
    const before = await terminalCount();
    for (const bad of ['a b', '../x', '-x', 'x'.repeat(65), '终端']) {
      const refused = await enrol(code, { terminalId: bad });
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).toContain('终端编号只能由字母、数字');
      expect((await session(bad, 'secret')).status).toBe(400);
    }
    expect(await terminalCount()).toBe(before);
    const terminalId = `ynjy01-room1-${engine}.${Date.now().toString(36)}`;
    const enrolled = await enrol(code, { terminalId });
    expect(enrolled.status).toBe(201);
    expect(enrolled.body.terminalId).toBe(terminalId);
    const tokenRes = await session(terminalId, enrolled.body.secret);
    expect(tokenRes.status).toBe(200);
    expect((await store.call('GET', '/api/auth/me', { token: tokenRes.body.token })).body).toMatchObject({
      kind: 'terminal',
      terminalId,
    });
    // Revoked by that id.
    expect((await store.call('POST', `/api/terminals/${terminalId}/revoke`, { token: w.tokens.prisonAAdmin })).status).toBe(200);
    expect((await session(terminalId, enrolled.body.secret)).status).toBe(401);
  });

  it('a code is single use', async () => {
    const code = await issueCode(w.tokens.bureauAAdmin, w.bureauA.roomId);
    expect((await enrol(code)).status).toBe(201);
    const before = await terminalCount();
    const again = await enrol(code);
    expect(again.status).toBe(401);
    expect(again.body.error.message).toContain('已使用');
    expect(await terminalCount()).toBe(before);
  });

  it('two terminals racing with one code: exactly one enrols', async () => {
    const code = await issueCode(w.tokens.bureauAAdmin, w.bureauA.roomId);
    const results = await Promise.all([enrol(code), enrol(code), enrol(code)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 401, 401]);
  });

  it('an expired code is refused and enrols nothing', async () => {
    const code = await issueCode(w.tokens.bureauAAdmin, w.bureauA.roomId);
    store.clock.advanceMinutes(31); // ENROLMENT_CODE_TTL_MINUTES is 30 in the tests
    const before = await terminalCount();
    const res = await enrol(code);
    expect(res.status).toBe(401);
    expect(res.body.error.message).toContain('已过期');
    expect(await terminalCount()).toBe(before);
    // Staff tokens (TTL 60 min) are still valid after 31 minutes; refresh for later tests anyway.
  });

  it('an unknown code, a wrong secret and a bad payload are refused', async () => {
    expect((await enrol('AAAA-BBBB-CCCC')).status).toBe(401);
    const code = await issueCode(w.tokens.bureauAAdmin, w.bureauA.roomId);
    const { terminalId } = (await enrol(code)).body;
    expect((await session(terminalId, 'not-the-secret')).status).toBe(401);
    const bad = await store.call('POST', '/api/terminals/enrol', { body: { code: '', name: '' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['body.code', 'body.name']);
    const badSession = await store.call('POST', '/api/terminals/session', { body: { terminalId: 'no pe', secret: '' } });
    expect(badSession.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['body.secret', 'body.terminalId']);
  });

  it("an administrator cannot issue a code for another site's room; non-administrators cannot issue codes", async () => {
    const other = await store.call('POST', '/api/terminals/enrolment-codes', {
      token: w.tokens.prisonAAdmin,
      body: { roomId: w.prisonB.roomId },
    });
    expect(other.status).toBe(403);
    const reviewer = await store.call('POST', '/api/terminals/enrolment-codes', {
      token: w.tokens.bureauAReviewer,
      body: { roomId: w.bureauA.roomId },
    });
    expect(reviewer.status).toBe(403);
    const missing = await store.call('POST', '/api/terminals/enrolment-codes', {
      token: w.tokens.bureauAAdmin,
      body: { roomId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues[0].path).toBe('body.roomId');
  });

  it('an Ed25519 public key may be registered; anything else is refused', async () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const code = await issueCode(w.tokens.bureauBAdmin, w.bureauB.roomId);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const refused = await enrol(code, { publicKeyPem: rsa });
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues[0].path).toBe('body.publicKeyPem');
    const ok = await enrol(code, { publicKeyPem: pem }); // the refused attempt did not use up the code
    expect(ok.status).toBe(201);
    const list = await store.call('GET', '/api/terminals', { token: w.tokens.bureauBAdmin });
    expect(list.body.find((t: { id: string }) => t.id === ok.body.terminalId).hasPublicKey).toBe(true);
  });

  it('terminal lists are scoped; a revoked terminal loses its tokens and cannot get new ones', async () => {
    const code = await issueCode(w.tokens.prisonBAdmin, w.prisonB.roomId);
    const { terminalId, secret } = (await enrol(code)).body;
    const token = (await session(terminalId, secret)).body.token as string;
    const aList = (await store.call('GET', '/api/terminals', { token: w.tokens.prisonAAdmin })).body as { id: string }[];
    expect(aList.map((t) => t.id)).not.toContain(terminalId);
    expect((await store.call('POST', `/api/terminals/${terminalId}/revoke`, { token: w.tokens.prisonAAdmin })).status).toBe(404);
    const revoked = await store.call('POST', `/api/terminals/${terminalId}/revoke`, { token: w.tokens.prisonBAdmin });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    expect((await store.call('GET', '/api/auth/me', { token })).status).toBe(401);
    expect((await session(terminalId, secret)).status).toBe(401);
  });
});

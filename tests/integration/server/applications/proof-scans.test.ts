// Issue #25 item 2 against the real store, both engines (R8.1, R35.1): a scan attached at
// intake is stored with its application, seen by the next step's reviewers, refused to an
// organisation not on the chain, audited on every view and download, refused with nothing
// stored when it is not a JPEG/PNG/PDF or too large, and emptied by R13.1's retention rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../harness/store/databases';
import type { TestStore } from '../../../../harness/store/store';
import type { World } from '../../../../harness/store/world';
import { purgeExpiredProofs } from '../../../../src-server/areas/proofs/purge-proofs';
import { MAX_PROOF_BYTES } from '../../../../src-shared/proofs/scan-file';
import { atPrisonDecision, createInmate, relative, startOn } from './fixtures';
import type { Chain } from './fixtures';

const TODAY = '2026-10-12';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

describe.each(ENGINES)('R8.1 R35.1 proof scans on an application [%s]', (engine) => {
  let store: TestStore;
  let w: World;
  let c: Chain;
  let appId: string;
  beforeAll(async () => {
    ({ store, w } = await startOn(engine, TODAY));
    c = { store, w };
    const inmate = await createInmate(store, w.tokens.prisonAAdmin, w.prisonA.wardId, '证一');
    appId = await atPrisonDecision(c, inmate, [relative('证一母', '1960-02-02')]);
  });
  afterAll(async () => {
    await store?.stop();
  });

  const upload = (token: string, id: string, body: Record<string, unknown>) =>
    store.call('POST', `/api/applications/${id}/proofs`, { token, body });
  const rows = async () => store.app.ctx.db.selectFrom('proof_scans').selectAll().execute();
  const audits = async (action: string) =>
    store.app.ctx.db.selectFrom('staff_audit').selectAll().where('action', '=', action).execute();

  it('R8.1 R35.1 the clerk attaches a scan; the next step (the prison) lists and views it, audited', async () => {
    const res = await upload(w.tokens.bureauAReviewer, appId, {
      kind: 'household-register',
      fileName: 'C:\\扫描\\户口簿 第1页.PNG',
      contentBase64: PNG.toString('base64'),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      applicationId: appId,
      kind: 'household-register',
      fileName: '户口簿 第1页.png',
      mediaType: 'image/png',
      size: PNG.length,
    });
    const pdf = await upload(w.tokens.bureauAReviewer, appId, {
      kind: 'identity-document',
      fileName: 'id.pdf',
      contentBase64: PDF.toString('base64'),
    });
    expect(pdf.status).toBe(201);

    const list = await store.call('GET', `/api/applications/${appId}/proofs`, { token: w.tokens.prisonAReviewer });
    expect(list.status).toBe(200);
    expect(list.body.map((p: { fileName: string }) => p.fileName).sort()).toEqual(['id.pdf', '户口簿 第1页.png']);
    expect(JSON.stringify(list.body)).not.toContain(PNG.toString('base64'));

    const before = (await audits('proofs.view')).length;
    const view = await store.call('GET', `/api/applications/${appId}/proofs/${res.body.id}`, { token: w.tokens.prisonAReviewer });
    expect(view.status).toBe(200);
    expect(Buffer.from(view.body.contentBase64, 'base64').equals(PNG)).toBe(true);
    const viewed = await audits('proofs.view');
    expect(viewed).toHaveLength(before + 1);
    expect(viewed.at(-1)).toMatchObject({ subject_id: res.body.id, organisation_id: w.prisonA.id });
    expect(JSON.parse(viewed.at(-1)?.detail ?? '{}')).toMatchObject({ applicationId: appId, fileName: '户口簿 第1页.png' });

    const dl = await store.call('GET', `/api/applications/${appId}/proofs/${pdf.body.id}?purpose=download`, {
      token: w.tokens.bureauAReviewer,
    });
    expect(dl.status).toBe(200);
    expect((await audits('proofs.download')).map((a) => a.subject_id)).toContain(pdf.body.id);
    expect((await audits('proofs.upload')).map((a) => a.subject_id)).toEqual(expect.arrayContaining([res.body.id, pdf.body.id]));
  });

  it('R35.1 a scan exactly at the 10 MB cap fits the body limit and comes back byte for byte', async () => {
    const atCap = Buffer.alloc(MAX_PROOF_BYTES, 0x20);
    PDF.copy(atCap);
    const started = performance.now();
    const res = await upload(w.tokens.bureauAReviewer, appId, {
      kind: 'notarial-certificate',
      fileName: '公证书.pdf',
      contentBase64: atCap.toString('base64'),
    });
    const uploadMs = performance.now() - started;
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(201);
    const back = await store.call('GET', `/api/applications/${appId}/proofs/${res.body.id}?purpose=download`, {
      token: w.tokens.prisonAReviewer,
    });
    expect(Buffer.from(back.body.contentBase64, 'base64').equals(atCap)).toBe(true);
    process.stdout.write(
      `[${engine}] 10 MB scan: upload ${uploadMs.toFixed(0)} ms, fetch ${(performance.now() - started - uploadMs).toFixed(0)} ms\n`,
    );
  });

  it('R8.1 an organisation not on the chain neither sees, nor fetches, nor attaches a scan (and nothing is audited)', async () => {
    const [first] = await rows();
    const viewsBefore = (await audits('proofs.view')).length;
    const countBefore = (await rows()).length;
    for (const token of [w.tokens.prisonBAdmin, w.tokens.bureauBAdmin]) {
      expect((await store.call('GET', `/api/applications/${appId}/proofs`, { token })).status).toBe(404);
      const one = await store.call('GET', `/api/applications/${appId}/proofs/${first?.id}`, { token });
      expect(one.status).toBe(404);
      expect(one.body.error.message).toBe('申请不存在');
      const up = await upload(token, appId, {
        kind: 'household-register',
        fileName: 'x.png',
        contentBase64: PNG.toString('base64'),
      });
      expect([403, 404]).toContain(up.status);
    }
    expect((await audits('proofs.view')).length).toBe(viewsBefore);
    expect((await rows()).length).toBe(countBefore);
  });

  it('R35.1 bad type, oversize, bad kind or bad base64 is refused in Chinese and nothing is stored', async () => {
    const before = (await rows()).length;
    const uploadsBefore = (await audits('proofs.upload')).length;
    const exe = Buffer.from('MZ\x90\x00 this is not a scan');
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    const big = Buffer.alloc(MAX_PROOF_BYTES + 1);
    PDF.copy(big);
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [
        { kind: 'household-register', fileName: 'scan.jpg', contentBase64: exe.toString('base64') },
        /只能上传 JPEG、PNG 图片或 PDF/,
      ],
      [
        { kind: 'household-register', fileName: 'scan.pdf', contentBase64: html.toString('base64') },
        /只能上传 JPEG、PNG 图片或 PDF/,
      ],
      [{ kind: 'household-register', fileName: 'big.pdf', contentBase64: big.toString('base64') }, /不能超过 10 MB/],
      [{ kind: 'diary', fileName: 'a.png', contentBase64: PNG.toString('base64') }, /种类|kind/],
      [{ kind: 'household-register', fileName: 'a.png', contentBase64: '@@not base64@@' }, /base64/],
      [{ kind: 'household-register', fileName: 'a.png', contentBase64: '' }, /文件为空/],
    ];
    for (const [body, message] of cases) {
      const res = await upload(w.tokens.bureauAReviewer, appId, body);
      expect(res.status, String(body['fileName'])).toBe(400);
      expect(JSON.stringify(res.body.error)).toMatch(message);
    }
    expect((await rows()).length).toBe(before);
    expect((await audits('proofs.upload')).length).toBe(uploadsBefore);
  });

  it('R13.1 R35.1 retention: a scan past the period loses its bytes (the same rule as recordings), a newer one stays', async () => {
    const kept = await rows();
    // Past the period for what is already there; then a fresh scan at the new "now".
    store.clock.advanceMinutes((store.app.ctx.config.retentionDays + 1) * 24 * 60);
    const fresh = await store.app.ctx.db
      .selectFrom('staff')
      .select(['id', 'organisation_id'])
      .where('username', '=', 'bureau-a-reviewer')
      .executeTakeFirstOrThrow();
    const freshId = '00000000-0000-4000-8000-000000000019';
    await store.app.ctx.db
      .insertInto('proof_scans')
      .values({
        id: freshId,
        application_id: appId,
        kind: 'household-register',
        file_name: 'new.png',
        media_type: 'image/png',
        size: PNG.length,
        sha256: 'x',
        uploaded_by: fresh.id,
        organisation_id: fresh.organisation_id,
        uploaded_at: store.clock.now().toISOString(),
        content: PNG.toString('base64'),
        purged_at: null,
      })
      .execute();
    const run = await purgeExpiredProofs(store.app.ctx);
    expect(run.purged.sort()).toEqual(kept.map((r) => r.id).sort());
    const after = await rows();
    for (const r of after) {
      if (r.id === freshId) expect(r).toMatchObject({ purged_at: null, content: PNG.toString('base64') });
      else expect(r).toMatchObject({ content: null, purged_at: expect.any(String) });
    }
    // A purged scan is gone for the reviewers too; a second run finds nothing.
    const gone = await store.call('GET', `/api/applications/${appId}/proofs/${kept[0]?.id}`, { token: w.tokens.provinceAdmin });
    expect([401, 404]).toContain(gone.status);
    expect((await purgeExpiredProofs(store.app.ctx)).purged).toEqual([]);
  });
});

// Smoke test of `npm run demo`: its core function, runDemo, against the
// real central store, two Chromium terminals, the ID-card simulator and real ffmpeg. One
// visit from enrolment to the end by countdown (R25.1 two administrators, R11.1 card
// check-in, R12.1 notice and equipment, R19.1 deposits, R11.2 inmate in position, R24.1
// call, R14.2 countdown, R13.1 recordings sealed, uploaded and verified).
import { describe, expect, test } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runDemo } from '../../scripts/demo/run-demo';

const rendererDir = process.env['RENDERER_OUT_DIR'] ?? fileURLToPath(new URL('../../dist/renderer', import.meta.url));

describe('npm run demo', () => {
  test("R25.1 R11.1 R12.1 R19.1 R11.2 R24.1 R14.2 R13.1 a whole visit runs to the end by countdown; both recordings carry both parties' sound and moving pictures, and verify at the terminal and at the store", async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'kiosk-demo-'));
    const lines: string[] = [];
    try {
      const result = await runDemo({ outDir, rendererDir, log: (line) => lines.push(line), callSeconds: 5 });
      const text = lines.join('\n');
      for (const step of [
        '两名管理员登录',
        '刷身份证签到',
        '会见须知',
        '服刑人员到位',
        '两端加入会见',
        '剩余 1 分钟',
        '两端均已结束',
        '双方声音在每 2 秒均可听见',
        '中心库已确认',
      ])
        expect(text).toContain(step);
      expect(result.recordings.map((r) => r.side).sort()).toEqual(['bureau', 'prison']);
      for (const r of result.recordings) {
        expect(r.terminalCheck, r.side).toMatchObject({ ok: true });
        // R13.1: runDemo checked the archive's sound and picture before saying so (it throws otherwise).
        expect(r.media.windows, r.side).toBeGreaterThanOrEqual(3);
        // The store holds everything the signed manifest lists: segments, archive, chapters.
        expect(r.centralCheck, r.side).toMatchObject({ ok: true });
        expect(existsSync(r.centralManifest)).toBe(true);
      }
      expect(readdirSync(result.screenshots).filter((f) => f.endsWith('.png')).length).toBeGreaterThanOrEqual(6);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  }, 240_000);
});

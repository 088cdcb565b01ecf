// R12.1 / R13.1: the equipment check tests the recorder too, before the visitors sit down: a
// kiosk whose ffmpeg is missing or too old fails its check with what to do, and the visit
// cannot start; Debian's ffmpeg passes. The ffmpeg comes from where a terminal looks for it:
// the installer's copy in the app's resources folder, the configuration, the PATH.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { IDCARD } from '../../../../harness/fixtures/visit-day/day-snapshot';
import { useDayTerminals, type DayTerminal } from '../../../unit/visit-day/helpers';
import { writeFakeFfmpeg } from '../recording/helpers/fake-ffmpeg';

const open = useDayTerminals();
const root = mkdtempSync(join(tmpdir(), 'yn-equipment-ffmpeg-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const GOOD_DEVICES = {
  camera: { ok: true, detail: 'fake camera' },
  microphone: { ok: true, detail: 'fake mic' },
  speaker: { ok: true, detail: '已听到测试音' },
};

async function equipmentCheck(t: DayTerminal) {
  await t.loginBoth();
  t.placeCard(IDCARD('resident-valid'));
  const card = await t.terminal.services.checkin.readCard({ visitId: 'V-1000' });
  if (!card.accepted) throw new Error(card.refusal.message);
  const r = await t.terminal.services.device.equipmentCheck({ visitId: 'V-1000', ...GOOD_DEVICES });
  if (!r.accepted) throw new Error('refused');
  const blockers = (await t.terminal.services.visit.readiness({ visitId: 'V-1000' })).blockers;
  return { recorder: r.roster.equipment.find((e) => e.name === 'recorder'), blockers };
}

describe('R12.1 the equipment check tests the recorder (ffmpeg)', () => {
  test('a too old ffmpeg shipped beside the app fails the check, says why and what to do, and blocks the start', async () => {
    const resources = join(root, 'resources');
    writeFakeFfmpeg(join(resources, 'ffmpeg'), 'old');
    const { recorder, blockers } = await equipmentCheck(await open('09:45', { terminal: { resourcesPath: resources } }));
    expect(recorder).toMatchObject({ ok: false });
    expect(recorder?.detail).toContain('版本 4.4 过旧，需要 5.1 或更新');
    expect(recorder?.detail).toContain('cues_to_front');
    expect(recorder?.detail).toContain('请技术人员安装 ffmpeg 5.1 或更新版本');
    const blocker = blockers.find((b) => b.code === 'equipment-recorder-failed');
    expect(blocker).toMatchObject({ requirement: 'R12.1' });
    expect(blocker?.message).toMatch(/^录像程序 ffmpeg检测未通过/);
  });

  test('no ffmpeg anywhere fails the check, naming where it looked', async () => {
    const nowhere = { env: { PATH: join(root, 'empty') }, loadStaticPackage: async () => null };
    const { recorder, blockers } = await equipmentCheck(await open('09:45', { terminal: { recording: { locate: nowhere } } }));
    expect(recorder).toMatchObject({ ok: false });
    expect(recorder?.detail).toMatch(/^找不到 ffmpeg（已尝试：.*系统 PATH（未找到））。录像程序 ffmpeg 不可用/);
    expect(blockers.map((b) => b.code)).toContain('equipment-recorder-failed');
  });

  test("Debian's ffmpeg on the PATH passes, with its version in the detail", async () => {
    const { recorder, blockers } = await equipmentCheck(await open('09:45'));
    expect(recorder).toMatchObject({ ok: true });
    expect(recorder?.detail).toMatch(/^ffmpeg version \d/);
    expect(blockers.map((b) => b.code)).not.toContain('equipment-recorder-failed');
  });
});

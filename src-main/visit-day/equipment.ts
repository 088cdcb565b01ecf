// R12.1: before the visit the equipment is checked. The renderer reports what only it can
// test (camera, microphone, speaker test tone); main checks the path to the central store
// (a real GET of centralStoreUrl/health with a time-out), the free disk for the longest
// allowed visit, and the recorder: an ffmpeg found and able to record (R13.1). Each result is stored (latest per check) and logged; a failure blocks the
// start and says what failed and what to do.
import { existsSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { StepOutcome } from './checkin';
import { recordAttributed, type StepContext } from './step-context';
import { loadRoster, type EquipmentCheckName } from './visit-model';

export interface DeviceResult {
  ok: boolean;
  /** What the browser said, e.g. "NotAllowedError" or the device label. */
  detail: string;
}

export interface RendererResults {
  camera: DeviceResult;
  microphone: DeviceResult;
  speaker: DeviceResult;
}

export interface EquipmentDeps {
  centralStoreUrl: string;
  recordingDir: string;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
  freeBytes?: (path: string) => Promise<number>;
  /** The recording manager's ffmpeg check (located, version and muxer options). */
  recorder: () => Promise<DeviceResult>;
}

/** WebM VP8/VP9 + Opus of two parties side by side, generously: 20 MB a minute. */
export const BYTES_PER_MINUTE = 20 * 1024 * 1024;
/** R14.2: a normal visit is at most 30 minutes; a longer approved one needs more room. */
export const NORMAL_MAX_MINUTES = 30;

/** Segments and the final archive both exist until the archive is sealed. */
export const bytesNeededFor = (minutes: number): number => Math.max(minutes, NORMAL_MAX_MINUTES) * BYTES_PER_MINUTE * 2;

const ADVICE: Record<EquipmentCheckName, string> = {
  camera: '摄像头不可用：请检查摄像头连接线并允许终端使用摄像头，然后重新检测',
  microphone: '麦克风不可用：请检查麦克风连接并允许终端使用麦克风，然后重新检测',
  speaker: '扬声器未确认：请调高音量并确认能听到测试音，然后重新检测',
  network: '无法连接省级中心库：请检查网线和网络设置，或联系信息技术人员',
  disk: '录像磁盘空间不足：请联系技术人员清理已上传并超过保存期限的录像',
  recorder:
    '录像程序 ffmpeg 不可用，无法录像：请技术人员安装 ffmpeg 5.1 或更新版本（Debian/统信/麒麟：apt install ffmpeg），或在终端配置文件的 ffmpegPath 中填写其路径，然后重新检测',
};

async function nearestExistingFreeBytes(path: string): Promise<number> {
  let p = path;
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  const s = await statfs(p);
  return Number(s.bavail) * Number(s.bsize);
}

export async function checkCentralStore(
  url: string,
  timeoutMs: number,
  fetchImpl: typeof fetch = fetch,
): Promise<{ ok: boolean; detail: string }> {
  const target = `${url.replace(/\/+$/, '')}/health`;
  const started = Date.now();
  try {
    const res = await fetchImpl(target, { method: 'GET', signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel().catch(() => undefined);
    return res.ok
      ? { ok: true, detail: `中心库应答正常（${Date.now() - started} 毫秒）` }
      : { ok: false, detail: `中心库返回 HTTP ${res.status}` };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    return { ok: false, detail: name === 'TimeoutError' ? `中心库 ${timeoutMs} 毫秒内无应答` : '无法连接中心库' };
  }
}

export async function checkDisk(
  recordingDir: string,
  minutes: number,
  freeBytes = nearestExistingFreeBytes,
): Promise<{ ok: boolean; detail: string }> {
  const need = bytesNeededFor(minutes);
  const mb = (n: number) => `${Math.floor(n / 1024 / 1024)} MB`;
  try {
    const free = await freeBytes(recordingDir);
    return free >= need
      ? { ok: true, detail: `可用 ${mb(free)}，需要 ${mb(need)}` }
      : { ok: false, detail: `可用 ${mb(free)}，不足 ${mb(need)}` };
  } catch {
    return { ok: false, detail: '无法读取录像磁盘的可用空间' };
  }
}

export async function runEquipmentCheck(
  ctx: StepContext,
  visitId: string,
  reported: RendererResults,
  deps: EquipmentDeps,
): Promise<StepOutcome> {
  const roster = loadRoster(ctx.db, visitId);
  const [network, disk, recorder] = await Promise.all([
    checkCentralStore(deps.centralStoreUrl, deps.timeoutMs ?? 3_000, deps.fetchImpl),
    checkDisk(deps.recordingDir, roster.minutes, deps.freeBytes),
    deps.recorder(),
  ]);
  const results: Record<EquipmentCheckName, DeviceResult> = { ...reported, network, disk, recorder };
  const at = ctx.now.toISOString();
  const failed = (Object.keys(results) as EquipmentCheckName[]).filter((k) => !results[k].ok);
  recordAttributed(
    ctx,
    'equipment.checked',
    {
      visitId,
      failed,
      results: Object.fromEntries(
        Object.entries(results).map(([k, r]) => [k, `${r.ok ? '正常' : '失败'}：${r.detail.slice(0, 200)}`]),
      ),
    },
    () => {
      const put = ctx.db.prepare(
        `INSERT INTO equipment_checks (visit_id, name, ok, detail, checked_at, staff_id) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (visit_id, name) DO UPDATE SET ok = excluded.ok, detail = excluded.detail, checked_at = excluded.checked_at, staff_id = excluded.staff_id`,
      );
      for (const [name, r] of Object.entries(results) as Array<[EquipmentCheckName, DeviceResult]>) {
        put.run(
          visitId,
          name,
          r.ok ? 1 : 0,
          r.ok ? r.detail.slice(0, 300) : `${r.detail.slice(0, 200)}。${ADVICE[name]}`,
          at,
          ctx.operator.staffId,
        );
      }
    },
  );
  return { accepted: true, roster: loadRoster(ctx.db, visitId) };
}

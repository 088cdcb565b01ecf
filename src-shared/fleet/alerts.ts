// What needs an operator about one terminal, from its latest heartbeat and the time:
// offline more than 10 minutes in visiting hours, disk for less than two visits, a clock
// more than 2 s off the store's, a sync backlog older than a day, a failed device, a
// version behind the rollout's target. Pure: the store's fleet list and its CSV call it.
import { HEARTBEAT_DEVICES, type Heartbeat, type HeartbeatDevice } from './heartbeat';

export const OFFLINE_AFTER_MS = 10 * 60_000;
export const CLOCK_TOLERANCE_MS = 2_000;
export const BACKLOG_MAX_AGE_MS = 24 * 60 * 60_000;
/** R14.2: a normal visit is at most 30 minutes; the disk should hold two more. */
export const VISIT_MINUTES = 30;
export const DISK_VISITS_MIN = 2;

export const FLEET_ALERT_KINDS = ['offline', 'disk', 'clock', 'backlog', 'device', 'version'] as const;
export type FleetAlertKind = (typeof FLEET_ALERT_KINDS)[number];

export interface FleetAlert {
  readonly kind: FleetAlertKind;
  /** zh-CN, for the operator. */
  readonly message: string;
}

export interface AlertInput {
  /** The latest heartbeat and when the store received it; null when the terminal never reported. */
  readonly latest: { readonly heartbeat: Heartbeat; readonly receivedAt: string } | null;
  readonly now: Date;
  /** Whether `now` is within visiting hours (a working day's opening hours): offline matters then. */
  readonly visitingHours: boolean;
  /** The rollout's target version; null when there is no rollout. */
  readonly targetVersion: string | null;
}

const DEVICE_LABELS: Record<HeartbeatDevice, string> = {
  camera: '摄像头',
  microphone: '麦克风',
  speaker: '扬声器',
  cardReader: '身份证读卡器',
  recorder: '录像程序',
};

/** Numeric parts of a version ('1.4.10-beta' → [1, 4, 10]); compares part by part. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => (v.split(/[-+]/)[0] ?? '').split('.').map((p) => Number.parseInt(p, 10) || 0);
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.max(x.length, y.length); i += 1) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

const minutes = (ms: number) => Math.floor(ms / 60_000);

export function fleetAlerts(input: AlertInput): FleetAlert[] {
  const { latest, now, visitingHours, targetVersion } = input;
  const alerts: FleetAlert[] = [];
  const silentMs = latest === null ? Number.POSITIVE_INFINITY : now.getTime() - Date.parse(latest.receivedAt);
  if (visitingHours && silentMs > OFFLINE_AFTER_MS) {
    alerts.push({
      kind: 'offline',
      message: latest === null ? '终端从未上报状态' : `终端已 ${minutes(silentMs)} 分钟未上报状态（会见时段内）`,
    });
  }
  if (latest === null) return alerts;
  const hb = latest.heartbeat;

  const needed = VISIT_MINUTES * DISK_VISITS_MIN;
  if (hb.disk.recordingMinutes === null) alerts.push({ kind: 'disk', message: '无法读取录像磁盘的可用空间' });
  else if (hb.disk.recordingMinutes < needed)
    alerts.push({ kind: 'disk', message: `录像磁盘仅够录 ${hb.disk.recordingMinutes} 分钟，不足两次会见（${needed} 分钟）` });

  if (hb.clock.offsetMs !== null && Math.abs(hb.clock.offsetMs) > CLOCK_TOLERANCE_MS) {
    alerts.push({
      kind: 'clock',
      message: `终端时钟与中心库相差 ${(Math.abs(hb.clock.offsetMs) / 1000).toFixed(1)} 秒（${hb.clock.offsetMs > 0 ? '终端偏慢' : '终端偏快'}）`,
    });
  }

  if (hb.backlog.oldestAt !== null && now.getTime() - Date.parse(hb.backlog.oldestAt) > BACKLOG_MAX_AGE_MS) {
    alerts.push({ kind: 'backlog', message: `待同步数据积压超过一天（${hb.backlog.events} 条，最早 ${hb.backlog.oldestAt}）` });
  }

  const failed = HEARTBEAT_DEVICES.filter((d) => hb.devices[d]?.ok === false);
  if (failed.length > 0) alerts.push({ kind: 'device', message: `设备故障：${failed.map((d) => DEVICE_LABELS[d]).join('、')}` });

  if (targetVersion !== null && compareVersions(hb.version, targetVersion) < 0) {
    alerts.push({ kind: 'version', message: `版本 ${hb.version} 落后于推送版本 ${targetVersion}` });
  }
  return alerts;
}

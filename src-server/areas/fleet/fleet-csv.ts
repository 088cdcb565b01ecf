// The fleet list as CSV for Excel (UTF-8 with a BOM, CRLF; formula-like cells defused, as
// the overview's export).
import type { FleetTerminal } from '../../../src-shared/store-api/endpoints/fleet';
import { csvCell } from '../overview/overview-csv';

const VISIT_STATES = { idle: '空闲', scheduled: '待会见', 'checking-in': '报到中', 'in-progress': '会见中' } as const;
const mb = (bytes: number | null) => (bytes === null ? null : Math.floor(bytes / 1024 / 1024));

export function fleetCsv(terminals: readonly FleetTerminal[]): string {
  const header = [
    '单位',
    '会见室',
    '终端',
    '终端编号',
    '已注销',
    '最近上报',
    '版本',
    '操作系统',
    '运行时长（秒）',
    '磁盘可用（MB）',
    '可录分钟',
    '时钟偏差（毫秒）',
    '待同步条数',
    '待同步字节',
    '最早待同步',
    '会见状态',
    '最近错误',
    '告警',
  ];
  const lines = [header.map(csvCell).join(',')];
  for (const t of terminals) {
    const hb = t.heartbeat;
    const cells = [
      t.organisationName,
      t.roomName,
      t.name,
      t.id,
      t.revoked ? '是' : '否',
      t.lastSeenAt,
      hb?.version ?? null,
      hb ? `${hb.os.platform} ${hb.os.release} ${hb.os.arch}` : null,
      hb?.uptimeSeconds ?? null,
      mb(hb?.disk.freeBytes ?? null),
      hb?.disk.recordingMinutes ?? null,
      hb?.clock.offsetMs === null || hb === null ? null : Math.round(hb.clock.offsetMs),
      hb?.backlog.events ?? null,
      hb?.backlog.bytes ?? null,
      hb?.backlog.oldestAt ?? null,
      hb ? VISIT_STATES[hb.visit.state] : null,
      hb?.errors.at(-1)?.message ?? null,
      t.alerts.map((a) => a.message).join('；'),
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

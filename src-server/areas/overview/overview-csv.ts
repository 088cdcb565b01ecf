// The overview as CSV for Excel: UTF-8 with a BOM (without it Excel on
// Windows reads the Chinese as GBK), CRLF line ends, one table after another
// with a title line and a blank line between. Cells that a spreadsheet would
// run as a formula are prefixed with an apostrophe.
import type { Overview } from '../../../src-shared/desk/overview';

const STATUS_LABELS = {
  scheduled: '已安排',
  completed: '已完成',
  forfeited: '视为放弃',
  interrupted: '故障中断',
  terminated: '中止',
  cancelled: '已取消',
} as const;

export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+@\t\r-]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const row = (cells: Array<string | number | boolean | null>): string => cells.map(csvCell).join(',');

export function overviewCsv(o: Overview): string {
  const lines: string[] = [];
  const table = (title: string, header: string[], rows: Array<Array<string | number | boolean | null>>) => {
    if (lines.length > 0) lines.push('');
    lines.push(row([title]), row(header), ...rows.map(row));
  };
  const counts = (c: Overview['totals']) => [
    c.total,
    c.scheduled,
    c.completed,
    c.forfeited,
    c.interrupted,
    c.terminated,
    c.cancelled,
  ];
  const countHeader = [
    '合计',
    STATUS_LABELS.scheduled,
    STATUS_LABELS.completed,
    STATUS_LABELS.forfeited,
    STATUS_LABELS.interrupted,
    STATUS_LABELS.terminated,
    STATUS_LABELS.cancelled,
  ];

  table('远程视频会见概况', ['单位', '开始日期', '结束日期', '生成时间'], [[o.scope.name, o.from, o.to, o.generatedAt]]);
  table('会见结果合计', countHeader, [counts(o.totals)]);
  table(
    '各单位会见结果',
    ['单位', ...countHeader],
    o.perSite.map((s) => [s.siteName, ...counts(s.counts)]),
  );
  table(
    '每日会见次数',
    ['日期', '单位', '会见次数'],
    o.perDay.map((d) => [d.date, d.siteName, d.visits]),
  );
  table(
    '中断、中止原因',
    ['结果', '原因代码', '原因', '次数'],
    o.reasons.map((r) => [STATUS_LABELS[r.status], r.code, r.label, r.count]),
  );
  table(
    '逾期未办的审查环节（R14.1）',
    ['申请编号', '环节', '条款', '承办单位', '罪犯', '收到日期', '到期日'],
    o.overdueSteps.map((s) => [s.applicationId, s.label, s.requirement, s.organisationName, s.inmateName, s.receivedOn, s.dueOn]),
  );
  table(
    '终端同步情况',
    [
      '单位',
      '会见室',
      '终端',
      '已注销',
      '最近事件时间',
      '最近收到事件',
      '收到事件数',
      '最近拉取',
      '最近上传事件',
      '最近录像上传',
      '未完成录像上传',
      '待回报结果的会见',
    ],
    o.terminals.map((t) => [
      t.siteName,
      t.roomName,
      t.name,
      t.revoked ? '是' : '否',
      t.lastEventAt,
      t.lastEventReceivedAt,
      t.eventsReceived,
      t.lastPullAt,
      t.lastPushAt,
      t.lastUploadAt,
      t.uploadsPending,
      t.visitsAwaitingOutcome,
    ]),
  );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

// The terminal's configuration file, as a zod schema with a zh-CN message for every
// field, so a bad file is reported in words the installer understands.
import { z } from 'zod';

import { SITE_KINDS } from '../../src-shared/organisations/kinds';
import { MIN_RETENTION_DAYS } from '../../src-shared/retention/minimum';

export { MIN_RETENTION_DAYS };

type Issue = { input?: unknown };
const missingOr = (label: string, expected: string) => ({
  error: (issue: Issue) => (issue.input === undefined ? `缺少必填项“${label}”` : `“${label}”应为${expected}`),
});

const text = (label: string, max: number) =>
  z.string(missingOr(label, '文字')).trim().min(1, `“${label}”不能为空`).max(max, `“${label}”不能超过 ${max} 个字符`);

/** Ids travel in idempotency keys and file names: keep them to a safe alphabet. */
const id = (label: string) =>
  z
    .string(missingOr(label, '文字'))
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, `“${label}”只能由字母、数字、点、下划线和连字符组成（不超过 64 个字符）`);

const folder = (label: string) => z.string(missingOr(label, '文件夹路径（文字）')).min(1, `“${label}”不能为空`);

const isHttpUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
};

const integer = (label: string) => z.number(missingOr(label, '数字')).int(`“${label}”应为整数`);

export const terminalConfigSchema = z
  .object(
    {
      terminalId: id('终端编号'),
      site: z
        .object(
          {
            id: id('场所编号'),
            name: text('场所名称', 100),
            kind: z.enum(SITE_KINDS, {
              error: (issue: Issue) =>
                issue.input === undefined
                  ? '缺少必填项“场所类型”'
                  : '“场所类型”应为 prison（监狱）、bureau（县级司法局）或 office（司法所）',
            }),
          },
          missingOr('场所', '对象（含 id、name、kind）'),
        )
        .strict(),
      room: z
        .object({ id: id('会见室编号'), name: text('会见室名称', 100) }, missingOr('会见室', '对象（含 id、name）'))
        .strict(),
      centralStoreUrl: z
        .string(missingOr('中心库地址', '网址'))
        .refine(isHttpUrl, '“中心库地址”应为以 http:// 或 https:// 开头的完整网址'),
      dataDir: folder('数据文件夹'),
      recordingDir: folder('录像文件夹'),
      retentionDays: integer('录像保存天数')
        .min(MIN_RETENTION_DAYS, `“录像保存天数”不得少于 ${MIN_RETENTION_DAYS} 天：录像至少保存六个月（R13.1）`)
        .max(36500, '“录像保存天数”不得超过 36500 天'),
      language: z.enum(['zh-CN', 'en'], { error: '“界面语言”应为 zh-CN 或 en' }).default('zh-CN'),
      inactivityLockMinutes: integer('无操作自动锁定分钟数')
        .min(1, '“无操作自动锁定分钟数”至少为 1')
        .max(240, '“无操作自动锁定分钟数”不得超过 240')
        .default(10),
      // The ID card reader check-in uses; absent = manual entry only.
      idCardReader: z
        .object(
          {
            driver: text('读卡器驱动', 64),
            path: z.string().min(1, '“读卡器端口”不能为空').max(200).optional(),
            baudRate: integer('读卡器波特率')
              .min(1200, '“读卡器波特率”至少为 1200')
              .max(921600, '“读卡器波特率”不得超过 921600')
              .optional(),
          },
          missingOr('读卡器', '对象（含 driver、path、baudRate）'),
        )
        .strict()
        .optional(),
      // The recorder's ffmpeg (ffprobe beside it), tried before the installer's own copy, FFMPEG_PATH and the PATH.
      ffmpegPath: z
        .string(missingOr('ffmpeg 路径', '文件路径（文字）'))
        .min(1, '“ffmpeg 路径”不能为空')
        .max(1000, '“ffmpeg 路径”不能超过 1000 个字符')
        .optional(),
      // main.log's rotation (src-main/log/rotating-file.ts); absent = 10 MiB a file, 10 files, 14 days.
      log: z
        .object(
          {
            maxFileMiB: integer('单个日志文件大小上限（MiB）')
              .min(1, '“单个日志文件大小上限”至少为 1 MiB')
              .max(1024, '“单个日志文件大小上限”不得超过 1024 MiB')
              .default(10),
            maxFiles: integer('保留日志文件数')
              .min(1, '“保留日志文件数”至少为 1')
              .max(100, '“保留日志文件数”不得超过 100')
              .default(10),
            maxAgeDays: integer('日志保留天数')
              .min(1, '“日志保留天数”至少为 1 天')
              .max(365, '“日志保留天数”不得超过 365 天')
              .default(14),
          },
          missingOr('日志', '对象（含 maxFileMiB、maxFiles、maxAgeDays）'),
        )
        .strict()
        .optional(),
      // 'desk' runs the same app at a front desk (applications, queues, overview) against
      // centralStoreUrl. Absent means kiosk (optional, so older configs stay valid).
      mode: z.enum(['kiosk', 'desk'], { error: '“运行模式”应为 kiosk（会见终端）或 desk（窗口办理）' }).optional(),
      // Above this offset against the central store's clock no visit starts (absent: 300 s).
      clockLimitSeconds: integer('时钟偏差上限秒数')
        .min(10, '“时钟偏差上限秒数”至少为 10')
        .max(86_400, '“时钟偏差上限秒数”不得超过 86400')
        .optional(),
      // Updates from the central store: the release channel and the province's Ed25519 public key
      // (PEM or base64 SPKI) whose signature an update must carry. Absent: no updates are checked.
      updates: z
        .object(
          {
            channel: z
              .string()
              .regex(/^[a-z][a-z0-9-]{0,31}$/, '“更新渠道”只能由小写字母、数字和连字符组成')
              .default('stable'),
            provinceKey: z
              .string(missingOr('省厅更新公钥', '文字（PEM 或 base64）'))
              .min(1, '“省厅更新公钥”不能为空')
              .max(2000, '“省厅更新公钥”不能超过 2000 个字符'),
          },
          missingOr('更新', '对象（含 channel、provinceKey）'),
        )
        .strict()
        .optional(),
    },
    { error: '配置文件的内容应为一个 JSON 对象' },
  )
  .strict();

/** The file as written (paths possibly relative). */
export type TerminalConfigFile = z.input<typeof terminalConfigSchema>;

/** The configuration the terminal runs with: defaults filled in, paths absolute. */
export type TerminalConfig = z.output<typeof terminalConfigSchema> & { readonly configPath: string };

/** The rotation limits main.log runs with (the configuration's, or the defaults). */
export const logLimitsOf = (
  config: Pick<TerminalConfig, 'log'>,
): { maxFileBytes: number; maxFiles: number; maxAgeDays: number } => ({
  maxFileBytes: (config.log?.maxFileMiB ?? 10) * 1024 * 1024,
  maxFiles: config.log?.maxFiles ?? 10,
  maxAgeDays: config.log?.maxAgeDays ?? 14,
});

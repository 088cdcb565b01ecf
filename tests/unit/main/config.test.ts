// The terminal's configuration file: validated with zod, a bad file
// reported field by field in zh-CN, relative folders resolved against the file's folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { ConfigError, loadTerminalConfig, MIN_RETENTION_DAYS } from '../../../src-main/config';
import { locateJsonError } from '../../../src-main/config/json-error-position';
import { useTempDirs } from './helpers/temp-dir';

const tempDir = useTempDirs('kiosk-config-');
const FIXTURES = fileURLToPath(new URL('../../../harness/fixtures/terminal-config/', import.meta.url));

const good = () => ({
  terminalId: 'ynjy01-room1',
  site: { id: 'ynjy01', name: '云南省第一监狱', kind: 'prison' },
  room: { id: 'room1', name: '一监区远程视频会见室' },
  centralStoreUrl: 'https://central.example.cn/api',
  dataDir: 'data',
  recordingDir: '/var/lib/kiosk/recordings',
  retentionDays: 184,
  language: 'zh-CN',
  inactivityLockMinutes: 10,
});

function write(content: unknown, name = 'terminal.json'): string {
  const dir = tempDir();
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

function configError(path: string): ConfigError {
  try {
    loadTerminalConfig(path);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

/** The good file with one field (dotted, one level deep) replaced, or removed when value is undefined. */
const withField = (path: string, value: unknown): Record<string, unknown> => {
  const set = (object: Record<string, unknown>, key: string): Record<string, unknown> =>
    Object.fromEntries([...Object.entries(object).filter(([k]) => k !== key), ...(value === undefined ? [] : [[key, value]])]);
  const config: Record<string, unknown> = good();
  const [head, tail] = path.split('.') as [string, string | undefined];
  return tail === undefined ? set(config, head) : { ...config, [head]: set(config[head] as Record<string, unknown>, tail) };
};

describe('terminal configuration', () => {
  test.each(['prison.json', 'bureau.json'])('the shipped fixture %s is accepted', (name) => {
    const config = loadTerminalConfig(join(FIXTURES, name));
    expect(config.site.kind).toBe(name === 'prison.json' ? 'prison' : 'bureau');
    expect(config.retentionDays).toBeGreaterThanOrEqual(MIN_RETENTION_DAYS);
    expect(config.dataDir.startsWith('/')).toBe(true);
  });

  test('a good file is accepted; relative folders resolve against the file’s folder, absolute ones stay', () => {
    const path = write(good());
    const config = loadTerminalConfig(path);
    expect(config.dataDir).toBe(join(path, '..', 'data'));
    expect(config.recordingDir).toBe('/var/lib/kiosk/recordings');
    expect(config.configPath).toBe(path);
    expect(config.site).toEqual({ id: 'ynjy01', name: '云南省第一监狱', kind: 'prison' });
  });

  test('R12.1 ffmpegPath (where the recorder finds ffmpeg) is optional and resolves like the folders', () => {
    expect(loadTerminalConfig(write(good())).ffmpegPath).toBeUndefined();
    const relative = write({ ...good(), ffmpegPath: 'bin/ffmpeg' });
    expect(loadTerminalConfig(relative).ffmpegPath).toBe(join(relative, '..', 'bin', 'ffmpeg'));
    expect(loadTerminalConfig(write({ ...good(), ffmpegPath: '/opt/ffmpeg/ffmpeg' })).ffmpegPath).toBe('/opt/ffmpeg/ffmpeg');
  });

  test('language defaults to zh-CN and the inactivity lock to 10 minutes', () => {
    const { language: _l, inactivityLockMinutes: _i, ...rest } = good();
    const config = loadTerminalConfig(write(rest));
    expect(config.language).toBe('zh-CN');
    expect(config.inactivityLockMinutes).toBe(10);
  });

  test.each([
    ['terminalId', 'room 1/../x', '终端编号'],
    ['terminalId', 42, '终端编号'],
    ['site', '云南省第一监狱', '场所'],
    ['site.id', '', '场所编号'],
    ['site.name', '   ', '场所名称'],
    ['site.kind', 'hospital', '场所类型'],
    ['room', null, '会见室'],
    ['room.id', 'a b', '会见室编号'],
    ['room.name', 7, '会见室名称'],
    ['centralStoreUrl', 'ftp://central.example.cn', '中心库地址'],
    ['centralStoreUrl', 'central.example.cn', '中心库地址'],
    ['dataDir', '', '数据文件夹'],
    ['recordingDir', false, '录像文件夹'],
    ['retentionDays', 200.5, '录像保存天数'],
    ['retentionDays', '365', '录像保存天数'],
    ['language', 'fr', '界面语言'],
    ['inactivityLockMinutes', 0, '无操作自动锁定分钟数'],
    ['ffmpegPath', '', 'ffmpeg 路径'],
    ['ffmpegPath', 5, 'ffmpeg 路径'],
  ])('a bad %s (%j) is reported by field name, in zh-CN', (field, value, label) => {
    const error = configError(write(withField(field, value)));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]?.field).toBe(field);
    expect(error.issues[0]?.message).toContain(label);
    expect(error.message).toContain(field);
  });

  test.each(['terminalId', 'site.kind', 'room.name', 'centralStoreUrl', 'dataDir', 'recordingDir', 'retentionDays'])(
    'a missing %s is reported as missing',
    (field) => {
      const error = configError(write(withField(field, undefined)));
      expect(error.issues).toEqual([{ field, message: expect.stringContaining('缺少必填项') }]);
    },
  );

  test("main.log's rotation limits are optional, with defaults filled in; out of range is refused in zh-CN", () => {
    expect(loadTerminalConfig(write(good())).log).toBeUndefined();
    expect(loadTerminalConfig(write({ ...good(), log: { maxFiles: 3 } })).log).toEqual({
      maxFileMiB: 10,
      maxFiles: 3,
      maxAgeDays: 14,
    });
    const error = configError(write({ ...good(), log: { maxFileMiB: 0, maxFiles: 1000, maxAgeDays: 14, extra: 1 } }));
    expect(error.message).toContain('“单个日志文件大小上限”至少为 1 MiB');
    expect(error.message).toContain('“保留日志文件数”不得超过 100');
  });

  test('every bad field is reported at once, not one per restart', () => {
    const error = configError(
      write({
        terminalId: '',
        site: { id: 'x', name: 'y', kind: 'zoo' },
        room: {},
        centralStoreUrl: 'x',
        dataDir: '',
        recordingDir: '',
        retentionDays: 30,
      }),
    );
    expect(error.issues.map((i) => i.field).sort()).toEqual(
      ['centralStoreUrl', 'dataDir', 'recordingDir', 'retentionDays', 'room.id', 'room.name', 'site.kind', 'terminalId'].sort(),
    );
  });

  test(`R13.1 retentionDays below six months (${MIN_RETENTION_DAYS - 1}) is refused`, () => {
    const error = configError(write({ ...good(), retentionDays: MIN_RETENTION_DAYS - 1 }));
    expect(error.issues).toEqual([{ field: 'retentionDays', message: expect.stringContaining('R13.1') }]);
  });

  test(`R13.1 retentionDays of ${MIN_RETENTION_DAYS} (six months, whichever six) is accepted`, () => {
    expect(loadTerminalConfig(write({ ...good(), retentionDays: MIN_RETENTION_DAYS })).retentionDays).toBe(MIN_RETENTION_DAYS);
    // The longest six calendar months: 1 July to 1 January.
    expect((Date.UTC(2026, 0, 1) - Date.UTC(2025, 6, 1)) / 86_400_000).toBe(MIN_RETENTION_DAYS);
  });

  test('clockLimitSeconds (no visit above this offset against the store) is optional, 10 to 86400', () => {
    expect(loadTerminalConfig(write(good())).clockLimitSeconds).toBeUndefined();
    expect(loadTerminalConfig(write({ ...good(), clockLimitSeconds: 120 })).clockLimitSeconds).toBe(120);
    expect(configError(write({ ...good(), clockLimitSeconds: 5 })).issues).toEqual([
      { field: 'clockLimitSeconds', message: '“时钟偏差上限秒数”至少为 10' },
    ]);
  });

  test('an unknown key (a typo) is reported by name', () => {
    const { retentionDays, ...rest } = good();
    const error = configError(write({ ...rest, retentionDay: retentionDays, site: { ...good().site, kindd: 'x' } }));
    expect(error.issues).toEqual(
      expect.arrayContaining([
        { field: 'retentionDay', message: expect.stringContaining('未知的配置项') },
        { field: 'site.kindd', message: expect.stringContaining('未知的配置项') },
        { field: 'retentionDays', message: expect.stringContaining('缺少必填项') },
      ]),
    );
  });

  test('a file that is not a JSON object is reported for the whole file', () => {
    const error = configError(write('[1, 2]'));
    expect(error.issues).toEqual([{ field: '(文件)', message: expect.stringContaining('JSON 对象') }]);
  });

  test('unreadable JSON is reported with its line, column and position', () => {
    const text = '{\n  "terminalId": "t1",\n  "site": { "id": "s", },\n}';
    const error = configError(write(text));
    expect(error.position).toEqual({ offset: text.indexOf('}'), line: 3, column: 24 });
    expect(error.issues[0]?.message).toContain('第 3 行第 24 列');
  });

  test('a missing file is reported as missing', () => {
    const error = configError(join(tempDir(), 'nope.json'));
    expect(error.issues).toEqual([{ field: '(文件)', message: '找不到配置文件' }]);
  });

  test('a UTF-8 BOM (Windows Notepad) is accepted', () => {
    expect(loadTerminalConfig(write(`\uFEFF${JSON.stringify(good())}`)).terminalId).toBe('ynjy01-room1');
  });

  test('a relative config path resolves against the working folder and the folders against the file', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'etc'));
    writeFileSync(join(dir, 'etc', 'terminal.json'), JSON.stringify({ ...good(), recordingDir: '../recordings' }));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const config = loadTerminalConfig('etc/terminal.json');
      expect(config.dataDir).toBe(join(dir, 'etc', 'data'));
      expect(config.recordingDir).toBe(join(dir, 'recordings'));
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('locating a JSON syntax error', () => {
  test.each([
    ['{"a": 1,}', 8, '多了逗号'],
    ['{"a" 1}', 5, '冒号'],
    ['{"a": tru}', 6, '无法识别'],
    ['{"a": "x\ny"}', 8, '换行'],
    ['{"a": 1', 7, '意外结束'],
    ['{"a": 1} x', 9, '多余内容'],
    ["{'a': 1}", 1, '双引号'],
    ['[1, 2,]', 6, '多了逗号'],
    ['', 0, '意外结束'],
  ])('%j fails at offset %i', (text, offset, reason) => {
    expect(locateJsonError(text)).toMatchObject({ offset, reason: expect.stringContaining(reason) });
  });

  test.each(['{}', '[]', '{"a": [1, -2.5e3, "\\u00e9\\n", true, false, null, {"b": {}}]}', ' 0 '])('%j is valid', (text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(locateJsonError(text)).toBeUndefined();
  });
});

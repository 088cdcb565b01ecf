import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { describeStartupError, resolveConfigPath } from '../../../src-main/electron/startup';

describe('resolveConfigPath', () => {
  const USER_DATA = path.resolve('/home/kiosk/.config/terminal');

  test('--config= wins over the environment and the default (the last one given)', () => {
    expect(resolveConfigPath(['electron', '.', '--config=/etc/kiosk/a.json'], { KIOSK_CONFIG: '/tmp/b.json' }, USER_DATA)).toBe(
      path.resolve('/etc/kiosk/a.json'),
    );
    expect(resolveConfigPath(['--config=/a.json', '--config=/c.json'], {}, USER_DATA)).toBe(path.resolve('/c.json'));
  });

  test('KIOSK_CONFIG next, then <userData>/terminal.json', () => {
    expect(resolveConfigPath(['electron', '.'], { KIOSK_CONFIG: '/tmp/b.json' }, USER_DATA)).toBe(path.resolve('/tmp/b.json'));
    expect(resolveConfigPath(['electron', '.'], { KIOSK_CONFIG: '  ' }, USER_DATA)).toBe(path.join(USER_DATA, 'terminal.json'));
    expect(resolveConfigPath(['electron', '.', '--config='], {}, USER_DATA)).toBe(path.join(USER_DATA, 'terminal.json'));
  });

  test('a relative path is made absolute', () => {
    expect(path.isAbsolute(resolveConfigPath(['--config=site.json'], {}, USER_DATA))).toBe(true);
  });
});

describe('describeStartupError', () => {
  test('a configuration error is listed field by field, once', () => {
    const error = Object.assign(new Error('终端配置文件有误：...'), {
      issues: [
        { field: 'site.kind', message: '应为 prison、bureau 或 office' },
        { field: 'retentionDays', message: '应为正整数' },
      ],
    });
    const report = describeStartupError(error, '/etc/kiosk/terminal.json');
    expect(report.title).toBe('会见终端无法启动');
    expect(report.body).toContain('/etc/kiosk/terminal.json');
    expect(report.body).toContain('site.kind：应为 prison、bureau 或 office');
    expect(report.body).toContain('retentionDays：应为正整数');
    expect(report.body).not.toContain('终端配置文件有误');
  });

  test('zod-style issues (path arrays) and a JSON syntax position are shown too', () => {
    const error = Object.assign(new Error('x'), {
      issues: [
        { path: ['room', 'name'], message: '必填' },
        { path: [], message: '不是 JSON' },
      ],
      position: { offset: 10, line: 3, column: 7 },
    });
    const body = describeStartupError(error, 'c.json').body;
    expect(body).toContain('room.name：必填');
    expect(body).toContain('(整个文件)：不是 JSON');
    expect(body).toContain('第 3 行，第 7 列');
  });

  test('any other error shows its message', () => {
    expect(describeStartupError(new Error('数据库版本过新'), 'c.json').body).toContain('数据库版本过新');
    expect(describeStartupError('plain', 'c.json').body).toContain('plain');
  });
});

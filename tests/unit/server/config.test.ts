import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { ConfigError, loadConfig, PRODUCTION_PASSWORD_HASHING } from '../../../src-server/config';

describe('central store configuration (environment variables)', () => {
  it('zero set-up defaults: 127.0.0.1:8787, SQLite under ./data', () => {
    const config = loadConfig({});
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(8787);
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.database).toEqual({ engine: 'sqlite', file: path.join(path.resolve('./data'), 'central-store.sqlite') });
    expect(config.tokenTtlMinutes).toBe(480);
    expect(config.retentionDays).toBeGreaterThanOrEqual(184);
    expect(config.passwordHashing).toEqual(PRODUCTION_PASSWORD_HASHING);
  });

  it('DATABASE_URL postgres:// selects PostgreSQL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/store' });
    expect(config.database).toEqual({ engine: 'postgres', connectionString: 'postgres://u@db:5432/store' });
  });

  it('R13.1 RETENTION_DAYS below 184 (six months at their longest) is refused', () => {
    expect(() => loadConfig({ RETENTION_DAYS: '182' })).toThrow(ConfigError);
    expect(() => loadConfig({ RETENTION_DAYS: '183' })).toThrow(/RETENTION_DAYS.*184/);
    expect(loadConfig({ RETENTION_DAYS: '184' }).retentionDays).toBe(184);
  });

  it('every bad variable is named', () => {
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x', BOOTSTRAP_ADMIN_PASSWORD: 'short' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'LOG_LEVEL', 'DATABASE_URL', 'BOOTSTRAP_ADMIN_PASSWORD']) expect(problems).toContain(name);
    }
  });

  it('issue #25 item 9: TRUST_PROXY names the proxies whose X-Forwarded-For the status page limits by; unset trusts none', () => {
    expect(loadConfig({}).trustProxy).toBeUndefined();
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1,10.0.0.0/8' }).trustProxy).toBe('127.0.0.1,10.0.0.0/8');
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY 须为以逗号分隔的 IP 地址或网段/);
  });

  it('issue #25 item 8: SMS_GATEWAY, SMS_SOURCE_ADDR and STATUS_PAGE_URL; unset: no gateway; a bad one stops the start naming it', () => {
    expect(loadConfig({}).smsGateway).toBeUndefined();
    expect(
      loadConfig({
        SMS_GATEWAY: 'smpp://yn:pw@10.0.0.5:2775',
        SMS_SOURCE_ADDR: '10690000',
        STATUS_PAGE_URL: 'https://hj.example.gov.cn/status',
      }),
    ).toMatchObject({
      smsGateway: { url: 'smpp://yn:pw@10.0.0.5:2775', sourceAddr: '10690000' },
      statusPageUrl: 'https://hj.example.gov.cn/status',
    });
    expect(() => loadConfig({ SMS_GATEWAY: 'cmpp://sp:secret@gw:7890' })).toThrow(/SMS_GATEWAY.*CMPP 尚未实现/);
    expect(() => loadConfig({ SMS_GATEWAY: 'http://gw' })).toThrow(/SMS_GATEWAY 须以 smpp:\/\/ 或 ssmpp:\/\/ 开头/);
    expect(() => loadConfig({ SMS_SOURCE_ADDR: '106-9' })).toThrow(/SMS_SOURCE_ADDR/);
    expect(() => loadConfig({ STATUS_PAGE_URL: 'status' })).toThrow(/STATUS_PAGE_URL/);
  });

  it('an empty variable counts as unset', () => {
    expect(loadConfig({ PORT: '', HOST: '' }).port).toBe(8787);
  });
});

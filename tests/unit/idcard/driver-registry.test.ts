import { describe, expect, it } from 'vitest';
import { createDefaultDriverRegistry } from '../../../src-main/idcard/default-drivers';
import { DriverRegistry } from '../../../src-main/idcard/driver-registry';
import { IdCardError } from '../../../src-main/idcard/errors';
import type { IdCardReader } from '../../../src-main/idcard/reader';
import { ReaderSimulator, createSimulatedSerial } from '../../../src-main/idcard/simulator';
import { fixture, now } from './helpers';

describe('ID card driver registry', () => {
  it('creates the GA 467 serial driver by name from configuration', async () => {
    const serial = createSimulatedSerial(new ReaderSimulator({ card: fixture('resident-dai') }), '/dev/ttySIM-registry');
    const reader = createDefaultDriverRegistry().create('ga467-serial', { path: serial.path, openPort: serial.openPort, now });
    try {
      await reader.open();
      expect(await reader.readCard()).toMatchObject({ name: '岩温', nation: { code: '18', label: '傣' } });
    } finally {
      await reader.close();
    }
  });

  it('refuses an unknown driver name in Chinese, listing the available ones', () => {
    const registry = createDefaultDriverRegistry();
    expect(() => registry.create('sdtapi')).toThrow(IdCardError);
    expect(() => registry.create('sdtapi')).toThrow('未知的读卡器驱动“sdtapi”（可用：ga467-serial）');
  });

  it('refuses a serial driver without a port', () => {
    expect(() => createDefaultDriverRegistry().create('ga467-serial', {})).toThrow('未配置读卡器串口');
  });

  it('takes further drivers (a vendor SDK) without touching callers, but not twice under one name', () => {
    const registry = new DriverRegistry();
    const fake = { driver: 'sdtapi' } as IdCardReader;
    registry.register('sdtapi', () => fake);
    expect(registry.create('sdtapi')).toBe(fake);
    expect(registry.names()).toEqual(['sdtapi']);
    expect(() => registry.register('sdtapi', () => fake)).toThrow();
  });
});

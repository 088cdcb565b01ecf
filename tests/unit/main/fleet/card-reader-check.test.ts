// The card reader's health for the heartbeat: what its last read showed of the reader
// (unplugged or silent: failed; no card on it: the reader answered, so it works).
import { afterEach, describe, expect, it } from 'vitest';
import { IdCardError, type IdCardErrorCode } from '../../../../src-main/idcard/errors';
import type { IdCardReader, ReaderState } from '../../../../src-main/idcard/reader';
import { CardReaderHolder, registerIdCardDriver } from '../../../../src-main/visit-day/card-reader';

const now = () => new Date('2026-03-02T01:00:00.000Z');
let unregister: (() => void) | null = null;

function driver(state: ReaderState, fails: IdCardErrorCode): void {
  const reader: IdCardReader = {
    driver: 'fleet-test',
    state,
    open: () => Promise.resolve(state),
    close: () => Promise.resolve(),
    detectCard: () => Promise.resolve(false),
    readCard: () => Promise.reject(new IdCardError(fails)),
    subscribe: () => () => undefined,
  };
  unregister = registerIdCardDriver('fleet-test', () => reader);
}

afterEach(() => unregister?.());

describe('the card reader check a heartbeat reports', () => {
  it('is unknown before a read and without a reader', async () => {
    expect(new CardReaderHolder({ driver: 'fleet-test' }, now).lastCheck()).toBeNull();
    const none = new CardReaderHolder(undefined, now);
    await none.read();
    expect(none.lastCheck()).toBeNull();
  });

  it('fails when the reader is unplugged or does not answer', async () => {
    driver('disconnected', 'no-card');
    const holder = new CardReaderHolder({ driver: 'fleet-test' }, now);
    await holder.read();
    expect(holder.lastCheck()).toEqual({
      ok: false,
      detail: '读卡器未连接，请检查连接线，或使用手工录入',
      checkedAt: '2026-03-02T01:00:00.000Z',
    });
    unregister?.();
    driver('connected', 'timeout');
    await holder.read();
    expect(holder.lastCheck()?.ok).toBe(false);
  });

  it('works when it answered, even with no card on it', async () => {
    driver('connected', 'no-card');
    const holder = new CardReaderHolder({ driver: 'fleet-test' }, now);
    await holder.read();
    expect(holder.lastCheck()?.ok).toBe(true);
  });
});

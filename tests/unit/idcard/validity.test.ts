import { describe, expect, it } from 'vitest';
import { chinaDate } from '../../../src-shared/calendar/china-time';
import { encodeCardText } from '../../../src-main/idcard/simulator';
import { decodeTextBlock } from '../../../src-main/idcard/text/decode-text-block';
import { checkValidity } from '../../../src-main/idcard/validity';
import { fixture } from './helpers';

describe('card validity against the injected clock', () => {
  it('R11.1 an expired card is reported as expired, with the date in Chinese', () => {
    const result = decodeTextBlock(encodeCardText(fixture('resident-expired')), { today: '2026-03-15' });
    expect(result.ok && result.card.validity).toEqual({
      status: 'expired',
      validTo: '2025-06-01',
      message: '证件已过有效期（有效期至2025年6月1日），不能用于会见登记',
    });
  });

  it('R11.1 a card is valid through its end date and expired the day after', () => {
    expect(checkValidity({ validFrom: '2015-03-01', validTo: '2035-03-01' }, '2035-03-01')).toEqual({ status: 'valid' });
    expect(checkValidity({ validFrom: '2015-03-01', validTo: '2035-03-01' }, '2035-03-02').status).toBe('expired');
  });

  it('R11.1 a "长期" card never expires', () => {
    expect(checkValidity({ validFrom: '2012-09-20', validTo: 'long-term' }, '2099-12-31')).toEqual({ status: 'valid' });
  });

  it('reports a card not yet valid', () => {
    expect(checkValidity({ validFrom: '2026-04-01', validTo: '2036-04-01' }, '2026-03-15')).toMatchObject({
      status: 'not-yet-valid',
      message: '证件尚未生效（自2026年4月1日起有效）',
    });
  });

  it('takes the date in China, not in the machine time zone', () => {
    expect(chinaDate(new Date('2026-03-14T16:00:00Z'))).toBe('2026-03-15');
    expect(chinaDate(new Date('2026-03-14T15:59:59Z'))).toBe('2026-03-14');
  });
});

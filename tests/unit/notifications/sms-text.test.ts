// Issue #25 item 8: what a text message to the family may contain and how it is cut (UCS-2
// parts), which numbers take one, and how a delivery receipt is read (SMPP 3.4 Appendix B).
import { describe, expect, it } from 'vitest';
import { chinaMobile, maskedMobile } from '../../../src-shared/notifications/phone';
import { concatenationHeader, ucs2Bytes, ucs2Parts } from '../../../src-shared/notifications/sms-parts';
import { composeMessage } from '../../../src-server/areas/notifications/templates';
import { placeName } from '../../../src-server/areas/notifications/outbox';
import { parseReceipt } from '../../../src-server/areas/notifications/smpp-gateway';
import { receiptStatus } from '../../../src-server/areas/notifications/gateway';
import { parseGatewayUrl } from '../../../src-server/areas/notifications/gateway-config';
import type { PDU } from 'smpp';

const pdu = (fields: Record<string, unknown>) => fields as unknown as PDU;

describe('China mobile numbers (1[3-9] and 9 digits)', () => {
  it.each([
    ['13800000000', '13800000000'],
    ['+86 138-0000-0000', '13800000000'],
    ['008619912345678', '19912345678'],
    ['8615012345678', '15012345678'],
    ['12800000000', null],
    ['1380000000', null],
    ['138000000001', null],
    ['0871-6543210', null],
    ['', null],
    ['１３８００００００００', null],
  ])('%s → %s', (input, expected) => {
    expect(chinaMobile(input)).toBe(expected);
  });
  it('masks all but the first three and last four digits', () => {
    expect(maskedMobile('13812345678')).toBe('138****5678');
  });
});

describe('UCS-2 parts', () => {
  it('70 characters go alone, 71 as parts of at most 67, never splitting a surrogate pair', () => {
    expect(ucs2Parts('会'.repeat(70))).toHaveLength(1);
    expect(ucs2Parts('会'.repeat(71)).map((p) => p.length)).toEqual([67, 4]);
    const text = `${'会'.repeat(66)}😀${'见'.repeat(10)}`;
    const parts = ucs2Parts(text);
    expect(parts[0]).toBe('会'.repeat(66));
    expect(parts.join('')).toBe(text);
  });
  it('big-endian UTF-16 and the 6-octet concatenation header', () => {
    expect([...ucs2Bytes('会A')]).toEqual([0x4f, 0x1a, 0x00, 0x41]);
    expect([...concatenationHeader(0x1ab, 3, 2)]).toEqual([5, 0, 3, 0xab, 3, 2]);
  });
});

describe('the messages carry the least personal data', () => {
  const id = '8212673f-7e20-45db-bebf-9d519cfcdcae';
  const visit = { date: '2026-10-20', start: '10:00', place: '昆明市官渡区司法局会见室' };
  it('approved: tail of the number, date, time, place, the status page; at most 4 parts', () => {
    const text = composeMessage({
      applicationId: id,
      cause: 'approved',
      visit,
      statusPageUrl: 'https://hj.example.gov.cn/status',
    });
    expect(text).toBe(
      '【远程会见】申请尾号FCDCAE已获批准：10月20日10:00，昆明市官渡区司法局会见室。请携带身份证件提前到场。进度查询：https://hj.example.gov.cn/status',
    );
    expect(ucs2Parts(text).length).toBeLessThanOrEqual(4);
  });
  it('a very long place is cut, so the message stays short', () => {
    const text = composeMessage({
      applicationId: id,
      cause: 'rescheduled',
      visit: { ...visit, place: '很'.repeat(80) },
      statusPageUrl: undefined,
    });
    expect(text).toContain(`${'很'.repeat(29)}…`);
    expect(ucs2Parts(text).length).toBeLessThanOrEqual(2);
  });
  it('the place joins a site and a room that repeats it', () => {
    expect(placeName('昆明市官渡区司法局', '官渡区司法局会见室')).toBe('昆明市官渡区司法局会见室');
    expect(placeName('关上司法所', '关上司法所1号会见室')).toBe('关上司法所1号会见室');
    expect(placeName('五华区司法局', '会见室')).toBe('五华区司法局会见室');
  });
});

describe('SMPP delivery receipts', () => {
  it('reads the id and stat from the receipt text', () => {
    const r = parseReceipt(
      pdu({
        esm_class: 0x04,
        short_message: {
          message: 'id:M000001 sub:001 dlvrd:000 submit date:2612071000 done date:2612071001 stat:UNDELIV err:013 text:',
        },
      }),
    );
    expect(r).toEqual({ providerMessageId: 'M000001', status: 'failed', detail: 'UNDELIV err:013' });
  });
  it('prefers the receipted_message_id and message_state TLVs', () => {
    expect(
      parseReceipt(pdu({ esm_class: 0x04, receipted_message_id: 'abc', message_state: 3, short_message: { message: '' } })),
    ).toMatchObject({
      providerMessageId: 'abc',
      status: 'expired',
    });
  });
  it('an ordinary deliver_sm (a reply from the relative) is no receipt', () => {
    expect(parseReceipt(pdu({ esm_class: 0, short_message: { message: 'id:1 stat:DELIVRD' } }))).toBeNull();
  });
  it('maps the final words', () => {
    expect(['DELIVRD', 'EXPIRED', 'UNDELIV', 'REJECTD', 'ACCEPTD', 'ENROUTE'].map(receiptStatus)).toEqual([
      'delivered',
      'expired',
      'failed',
      'failed',
      'accepted',
      'accepted',
    ]);
  });
});

describe('SMS_GATEWAY', () => {
  it('smpp:// with system id, password, host and port; CMPP named but not yet built; bad values explained', () => {
    expect(parseGatewayUrl('smpp://yn-sft:secret@10.1.2.3:2775', '10690000')).toEqual({
      protocol: 'smpp',
      host: '10.1.2.3',
      port: 2775,
      tls: false,
      systemId: 'yn-sft',
      password: 'secret',
      sourceAddr: '10690000',
    });
    expect(parseGatewayUrl('ssmpp://a:b@gw.example.cn', '')).toMatchObject({ port: 3550, tls: true });
    expect(parseGatewayUrl('cmpp://a:b@gw:7890', '')).toContain('CMPP 尚未实现');
    expect(parseGatewayUrl('smpp://gw:2775', '')).toContain('系统号');
    expect(parseGatewayUrl('smpp://a:longpassword@gw:2775', '')).toContain('至多 8 个字符');
    expect(parseGatewayUrl('not a url', '')).toContain('SMS_GATEWAY');
  });
});

// Golden 256-byte text blocks for the four card kinds, written with literal
// byte offsets from the published layouts (not with the code under test).
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../src-main/idcard/frame';
import { encodeCardText } from '../../../src-main/idcard/simulator';
import { decodeTextBlock } from '../../../src-main/idcard/text/decode-text-block';
import { NATION_CODES, nationLabel } from '../../../src-main/idcard/text/nation-codes';
import { TODAY, allFixtureNames, fixture, goldenBlock } from './helpers';

const decode = (block: Uint8Array, today = TODAY) => decodeTextBlock(block, { today });

const RESIDENT = goldenBlock([
  [0, '张伟'],
  [30, '1'],
  [32, '01'],
  [36, '19900307'],
  [52, '云南省昆明市五华区青年路100号'],
  [122, '530102199003071238'],
  [158, '昆明市公安局五华分局'],
  [188, '20150301'],
  [204, '20350301'],
]);

describe('text block: resident ID card', () => {
  it('decodes every field of a golden block', () => {
    const result = decode(RESIDENT);
    expect(result).toEqual({
      ok: true,
      card: {
        document: 'resident-id',
        name: '张伟',
        sex: 'male',
        sexLabel: '男',
        nation: { code: '01', label: '汉' },
        birthDate: '1990-03-07',
        address: '云南省昆明市五华区青年路100号',
        idNumber: '530102199003071238',
        idNumberKind: 'resident-id',
        issuingAuthority: '昆明市公安局五华分局',
        validFrom: '2015-03-01',
        validTo: '2035-03-01',
        validity: { status: 'valid' },
      },
    });
  });

  it('stores the name as UCS-2 little-endian padded with spaces (张 = U+5F20 → 20 5F)', () => {
    expect(toHex(RESIDENT.subarray(0, 8))).toBe('20 5F 1F 4F 20 00 20 00');
    expect(toHex(RESIDENT.subarray(30, 32))).toBe('31 00');
  });

  it('reads "长期" as no expiry', () => {
    const block = RESIDENT.slice();
    block.set(goldenBlock([[204, '长期']]).subarray(204, 220), 204);
    const result = decode(block);
    expect(result.ok && result.card.validTo).toBe('long-term');
    expect(result.ok && result.card.validity).toEqual({ status: 'valid' });
  });

  it('accepts NUL padding as well as spaces', () => {
    const block = RESIDENT.slice();
    block.fill(0, 4, 30); // the rest of the name field
    const result = decode(block);
    expect(result.ok && result.card.name).toBe('张伟');
  });

  it('refuses a block whose number fails the GB 11643 check character', () => {
    const block = RESIDENT.slice();
    block.set(goldenBlock([[122, '530102199003071239']]).subarray(122, 158), 122);
    expect(decode(block)).toEqual({ ok: false, problem: 'bad-id-number', message: '证件号码校验位不符，可能输错了' });
  });

  it('refuses a block whose birth date disagrees with the number', () => {
    const block = RESIDENT.slice();
    block.set(goldenBlock([[36, '19900308']]).subarray(36, 52), 36);
    expect(decode(block)).toMatchObject({ ok: false, problem: 'inconsistent' });
  });

  it('refuses a block whose sex disagrees with the number', () => {
    const block = RESIDENT.slice();
    block.set(goldenBlock([[30, '2']]).subarray(30, 32), 30);
    expect(decode(block)).toMatchObject({ ok: false, problem: 'inconsistent' });
  });

  it('refuses unknown nation and sex codes, impossible dates and missing names, in Chinese', () => {
    const patch = (offset: number, text: string, bytes: number) => {
      const block = RESIDENT.slice();
      block.set(goldenBlock([[offset, text]]).subarray(offset, offset + bytes), offset);
      return decode(block);
    };
    expect(patch(32, '57', 4)).toMatchObject({ ok: false, problem: 'bad-nation' });
    expect(patch(30, '3', 2)).toMatchObject({ ok: false, problem: 'bad-sex' });
    expect(patch(204, '20350230', 16)).toMatchObject({
      ok: false,
      problem: 'bad-date',
      message: '有效期截止日期“20350230”不是有效日期',
    });
    expect(patch(0, '', 30)).toMatchObject({ ok: false, problem: 'missing-field', message: '证件信息缺少姓名' });
  });

  it('refuses a block shorter than 256 bytes and an unknown type letter', () => {
    expect(decode(RESIDENT.subarray(0, 200))).toMatchObject({ ok: false, problem: 'too-short' });
    const block = RESIDENT.slice();
    block.set(goldenBlock([[248, 'Z']]).subarray(248, 250), 248);
    expect(decode(block)).toEqual({ ok: false, problem: 'unknown-card-type', message: '无法识别的证件类型标识“Z”' });
  });
});

describe('text block: Hong Kong / Macao / Taiwan residence permit (J)', () => {
  const HK = goldenBlock([
    [0, '陈家明'],
    [30, '1'],
    [36, '19880214'],
    [52, '云南省昆明市盘龙区北京路200号'],
    [122, '810000198802140038'],
    [158, '昆明市公安局盘龙分局'],
    [188, '20220510'],
    [204, '20270510'],
    [220, 'H60123456'],
    [238, '01'],
    [248, 'J'],
  ]);

  it('decodes the permit, its pass number and issue count', () => {
    const result = decode(HK);
    expect(result).toMatchObject({
      ok: true,
      card: {
        document: 'hk-macao-taiwan-residence-permit',
        name: '陈家明',
        sex: 'male',
        birthDate: '1988-02-14',
        idNumber: '810000198802140038',
        idNumberKind: 'hk-residence-permit',
        passNumber: 'H60123456',
        issueCount: 1,
        validTo: '2027-05-10',
        validity: { status: 'valid' },
      },
    });
    expect(result.ok && result.card.nation).toBeUndefined();
  });

  it('decodes a Taiwan permit (830000)', () => {
    const TW = goldenBlock([
      [0, '林美玲'],
      [30, '2'],
      [36, '19791103'],
      [52, '云南省大理市下关镇人民路1号'],
      [122, '830000197911030048'],
      [158, '大理市公安局'],
      [188, '20230101'],
      [204, '20280101'],
      [220, '01234567'],
      [238, '00'],
      [248, 'J'],
    ]);
    expect(decode(TW)).toMatchObject({
      ok: true,
      card: { idNumberKind: 'taiwan-residence-permit', sex: 'female', issueCount: 0 },
    });
  });

  it('refuses a J block carrying a resident ID number', () => {
    const block = HK.slice();
    block.set(
      goldenBlock([
        [122, '530102199003071238'],
        [36, '19900307'],
      ]).subarray(36, 158),
      36,
    );
    expect(decode(block)).toMatchObject({ ok: false, problem: 'inconsistent', message: '证件号码的类别与证件类型不符' });
  });
});

describe('text block: foreign permanent resident ID card, 2017 edition (I)', () => {
  const I = goldenBlock([
    [0, 'SMITH JOHN'],
    [120, '1'],
    [122, 'USA531075050518'],
    [152, 'USA'],
    [158, '史约翰'],
    [188, '20180110'],
    [204, '20280110'],
    [220, '19750505'],
    [236, '01'],
    [240, '5300'],
    [248, 'I'],
  ]);

  it('decodes English and Chinese names, nationality, version and authority code', () => {
    expect(decode(I)).toEqual({
      ok: true,
      card: {
        document: 'foreign-permanent-resident-2017',
        name: '史约翰',
        englishName: 'SMITH JOHN',
        sex: 'male',
        sexLabel: '男',
        birthDate: '1975-05-05',
        idNumber: 'USA531075050518',
        idNumberKind: 'foreign-permanent-resident-id',
        nationalityCode: 'USA',
        cardVersion: '01',
        authorityCode: '5300',
        validFrom: '2018-01-10',
        validTo: '2028-01-10',
        validity: { status: 'valid' },
      },
    });
  });

  it('uses the English name when there is no Chinese name', () => {
    const block = I.slice();
    block.set(goldenBlock([]).subarray(158, 188), 158);
    expect(decode(block)).toMatchObject({ ok: true, card: { name: 'SMITH JOHN', englishName: 'SMITH JOHN' } });
  });
});

describe('text block: foreign permanent resident ID card, 2023 edition (Y)', () => {
  // English name of 42 letters: 1-35 at byte 52, 36-42 in the continuation at byte 220.
  const Y = goldenBlock([
    [0, '范安娜'],
    [30, '2'],
    [32, '00'],
    [36, '19820917'],
    [52, 'VAN DER BERG-ABERNATHY ALEXANDRA CA'],
    [122, '953276198209170027'],
    [188, '20240115'],
    [204, '20340115'],
    [220, 'THERINE'],
    [242, 'DEU'],
    [248, 'Y'],
  ]);

  it('decodes the 18-digit number and joins the two parts of the English name', () => {
    expect(decode(Y)).toEqual({
      ok: true,
      card: {
        document: 'foreign-permanent-resident-2023',
        name: '范安娜',
        englishName: 'VAN DER BERG-ABERNATHY ALEXANDRA CATHERINE',
        sex: 'female',
        sexLabel: '女',
        birthDate: '1982-09-17',
        idNumber: '953276198209170027',
        idNumberKind: 'foreign-permanent-resident-id',
        nationalityCode: 'DEU',
        renewalCount: 0,
        validFrom: '2024-01-15',
        validTo: '2034-01-15',
        validity: { status: 'valid' },
      },
    });
  });

  it('keeps a space that falls on the boundary between the two name fields', () => {
    const block = goldenBlock([
      [0, ''],
      [30, '1'],
      [36, '19820917'],
      [52, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ ABCDEFG '],
      [220, 'SMITH'],
      [122, '953276198209170027'],
      [188, '20240115'],
      [204, '20340115'],
      [242, 'DEU'],
      [248, 'Y'],
      [250, '123'],
    ]);
    expect(decode(block)).toMatchObject({
      ok: true,
      card: {
        englishName: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ ABCDEFG SMITH',
        name: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ ABCDEFG SMITH',
        previousNumberLink: '123',
      },
    });
  });
});

describe('text block: fixtures through the simulator encoder', () => {
  it('encodes the resident fixture exactly as the golden block', () => {
    expect(toHex(encodeCardText(fixture('resident-valid')))).toBe(toHex(RESIDENT));
  });

  it.each(allFixtureNames().filter((n) => n !== 'resident-bad-number'))('round-trips %s', (name) => {
    const card = fixture(name);
    const result = decode(encodeCardText(card));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.card.idNumber).toBe(card.idNumber);
    expect(result.card.birthDate).toBe(card.birthDate);
    expect(result.card.sex).toBe(card.sex);
  });
});

describe('GB 3304 nation codes', () => {
  it('labels the 56 ethnic groups and the two extra codes', () => {
    expect(NATION_CODES).toHaveLength(58);
    expect(nationLabel('01')).toBe('汉');
    expect(nationLabel('07')).toBe('彝');
    expect(nationLabel('18')).toBe('傣');
    expect(nationLabel('56')).toBe('基诺');
    expect(nationLabel('97')).toBe('其他');
    expect(nationLabel('98')).toBe('外国血统中国籍人士');
    expect(nationLabel('00')).toBeNull();
    expect(nationLabel('57')).toBeNull();
    expect(nationLabel('1')).toBeNull();
  });
});

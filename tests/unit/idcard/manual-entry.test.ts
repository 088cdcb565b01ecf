import { describe, expect, it } from 'vitest';
import { ageOn, validateManualEntry } from '../../../src-main/idcard/manual-entry';
import type { ManualEntryInput } from '../../../src-main/idcard/manual-entry';
import { now } from './helpers';

const entry = (input: ManualEntryInput) => validateManualEntry(input, { now });

describe('manual entry', () => {
  it('returns the same IdCardData shape as a reader, marked manual', () => {
    const result = entry({
      document: 'resident-id',
      name: ' 张伟 ',
      idNumber: '530102199003071238',
      validTo: '2035-03-01',
      nationCode: '01',
    });
    expect(result).toEqual({
      ok: true,
      card: {
        source: 'manual',
        document: 'resident-id',
        name: '张伟',
        sex: 'male',
        sexLabel: '男',
        nation: { code: '01', label: '汉' },
        birthDate: '1990-03-07',
        idNumber: '530102199003071238',
        idNumberKind: 'resident-id',
        validTo: '2035-03-01',
        validity: { status: 'valid' },
      },
    });
  });

  it('checks the number with GB 11643 and says why in Chinese', () => {
    const result = entry({ document: 'resident-id', name: '张伟', idNumber: '530102199003071239', validTo: '2035-03-01' });
    expect(result).toEqual({ ok: false, problems: [{ field: 'idNumber', message: '证件号码校验位不符，可能输错了' }] });
  });

  it('accepts a lower-case x check character', () => {
    const result = entry({ document: 'resident-id', name: '王芳', idNumber: '53010219900307122x', validTo: '长期' });
    expect(result.ok && result.card.idNumber).toBe('53010219900307122X');
    expect(result.ok && result.card.validTo).toBe('long-term');
  });

  it('R11.1 a typed expired card is reported as expired', () => {
    const result = entry({ document: 'resident-id', name: '李秀兰', idNumber: '530102196508150042', validTo: '2025-06-01' });
    expect(result.ok && result.card.validity.status).toBe('expired');
  });

  it('R10.1 accepts a household register for a minor, with no validity period', () => {
    const result = entry({ document: 'household-register', name: '刀小芳', idNumber: '532501201206010029' });
    expect(result).toMatchObject({
      ok: true,
      card: { document: 'household-register', birthDate: '2012-06-01', sex: 'female', validity: { status: 'not-applicable' } },
    });
  });

  it('R10.1 refuses a household register for an adult', () => {
    const result = entry({ document: 'household-register', name: '张伟', idNumber: '530102199003071238' });
    expect(result).toEqual({
      ok: false,
      problems: [{ field: 'document', message: '年满18周岁的人员须出示居民身份证，户口簿仅适用于未成年人（R10.1）' }],
    });
  });

  it('refuses a number of another kind of document', () => {
    const result = entry({ document: 'resident-id', name: '陈家明', idNumber: '810000198802140038', validTo: '2027-05-10' });
    expect(result).toEqual({ ok: false, problems: [{ field: 'idNumber', message: '证件号码与所选证件类型不符' }] });
    expect(
      entry({
        document: 'hk-macao-taiwan-residence-permit',
        name: '陈家明',
        idNumber: '810000198802140038',
        validTo: '2027-05-10',
      }).ok,
    ).toBe(true);
  });

  it('cross-checks typed birth date and sex against the number', () => {
    const result = entry({
      document: 'resident-id',
      name: '张伟',
      idNumber: '530102199003071238',
      birthDate: '1990-03-08',
      sex: 'female',
      validTo: '2035-03-01',
    });
    expect(result.ok ? [] : result.problems.map((p) => p.field)).toEqual(['birthDate', 'sex']);
  });

  it('lists every problem at once: empty name, missing validity, bad nation code', () => {
    const result = entry({ document: 'resident-id', name: '  ', idNumber: '530102199003071238', nationCode: '99' });
    expect(result.ok ? [] : result.problems).toEqual([
      { field: 'name', message: '请填写姓名' },
      { field: 'nationCode', message: '民族代码无效' },
      { field: 'validTo', message: '请填写证件有效期截止日期（长期有效的填“长期”）' },
    ]);
  });

  it('refuses names with digits or symbols, allows 少数民族 and foreign names with a middle dot', () => {
    expect(entry({ document: 'resident-id', name: '张伟1', idNumber: '530102199003071238', validTo: '长期' }).ok).toBe(false);
    expect(entry({ document: 'resident-id', name: '买买提·艾力', idNumber: '530102199003071238', validTo: '长期' }).ok).toBe(
      true,
    );
  });

  it('takes a foreign permanent resident number of either edition; the old one needs a typed birth date', () => {
    const y = entry({
      document: 'foreign-permanent-resident',
      name: '范安娜',
      englishName: 'VAN DER BERG ANNA',
      idNumber: '953276198209170027',
      sex: 'female',
      validTo: '2034-01-15',
    });
    expect(y).toMatchObject({
      ok: true,
      card: { document: 'foreign-permanent-resident-2023', englishName: 'VAN DER BERG ANNA', sex: 'female' },
    });
    const old = entry({
      document: 'foreign-permanent-resident',
      name: 'SMITH JOHN',
      idNumber: 'USA531075050518',
      validTo: '2028-01-10',
    });
    expect(old).toEqual({ ok: false, problems: [{ field: 'birthDate', message: '请填写出生日期' }] });
    const oldWithBirth = entry({
      document: 'foreign-permanent-resident',
      name: 'SMITH JOHN',
      idNumber: 'USA531075050518',
      birthDate: '1975-05-05',
      validTo: '2028-01-10',
    });
    expect(oldWithBirth).toMatchObject({
      ok: true,
      card: { document: 'foreign-permanent-resident-2017', nationalityCode: 'USA', sex: 'unspecified' },
    });
  });

  it('counts age in whole years, the birthday included', () => {
    expect(ageOn('2008-03-15', '2026-03-15')).toBe(18);
    expect(ageOn('2008-03-16', '2026-03-15')).toBe(17);
  });
});

// Issue 25 item 5: when an applicant may withdraw an application (at any step until the
// visit is held); the store's transaction around it is tested in
// tests/integration/server/applications/arrangements-withdraw.test.ts.
import { describe, expect, it } from 'vitest';
import { withdrawRefusal } from '../../../src-server/areas/applications/withdraw';

describe('withdrawal', () => {
  it.each([
    ['bureau-review', null, []],
    ['prison-decision', null, []],
    ['bureau-notification', 'approved', ['scheduled']],
    ['approved', 'approved', ['scheduled']],
    ['approved', 'approved', ['interrupted']],
    ['approved', 'approved', ['forfeited']],
  ])('an application at %s (%s, visits %j) may be withdrawn', (status, outcome, visits) => {
    expect(withdrawRefusal(status, outcome, visits)).toBeNull();
  });
  it.each([
    ['withdrawn', null, [], '该申请已撤回'],
    ['refused', 'refused', [], '该申请已不予批准，无需撤回'],
    ['bureau-notification', 'refused', [], '该申请已不予批准，无需撤回'],
    ['approved', 'approved', ['completed'], '会见已经举行，不能撤回申请'],
    ['approved', 'approved', ['terminated'], '会见已经举行，不能撤回申请'],
  ])('an application at %s (%s, visits %j) may not: %s', (status, outcome, visits, message) => {
    expect(withdrawRefusal(status, outcome, visits)).toBe(message);
  });
});

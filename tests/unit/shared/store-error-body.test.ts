import { describe, expect, it } from 'vitest';
import { errorBodySchema, storeErrorOf } from '../../../src-shared/store-api/error-body';

describe("the store's error answer, read on the terminal", () => {
  it('a full answer gives its code, message and issues', () => {
    const body = {
      error: {
        code: 'CONFLICT',
        message: '该时段已约满（R14.1）',
        issues: [
          { path: 'R14.1', message: '已约满' },
          { path: 'body.date', message: '日期有误', row: 3 },
        ],
      },
    };
    expect(errorBodySchema.safeParse(body).success).toBe(true);
    expect(storeErrorOf(body)).toEqual({
      code: 'CONFLICT',
      message: '该时段已约满（R14.1）',
      issues: [
        { path: 'R14.1', message: '已约满' },
        { path: 'body.date', message: '日期有误' },
      ],
    });
  });

  it('what a proxy or a broken answer sends gives nulls, never a throw', () => {
    const none = { code: null, message: null, issues: [] };
    for (const body of [
      null,
      undefined,
      'Bad Gateway',
      42,
      [],
      { error: 'Not Found', message: 'x', statusCode: 404 },
      { error: null },
    ])
      expect(storeErrorOf(body)).toEqual(none);
    expect(
      storeErrorOf({
        error: { code: 7, message: '出错', issues: [null, 'x', { path: 1, message: 'm' }, { path: 'p', message: 'ok' }] },
      }),
    ).toEqual({ code: null, message: '出错', issues: [{ path: 'p', message: 'ok' }] });
    expect(storeErrorOf({ error: { message: '出错', issues: 'none' } })).toEqual({ code: null, message: '出错', issues: [] });
  });
});

// The central store's error answers as the desk's refusals. The store answers
// { error: { code, message (zh-CN), issues: [{ path, message }] } }; a rule's
// refusal (409) names its requirement id as an issue path (e.g. 'R14.1'),
// which is kept as `requirement`. Field paths lose their 'body.' / 'query.'
// prefix so the form can point at its own field.
import type { DeskOutcome, DeskRefusal } from '../../src-shared/desk/outcome';
import { storeErrorOf } from '../../src-shared/store-api/error-body';
import type { StoreFailure, StoreResult } from '../central-store/store-http';

const REQUIREMENT_ID = /^R\d+(\.\d+)?(\(\d+\))?$/;

const STATUS_MESSAGES: Record<number, { code: string; message: string }> = {
  400: { code: 'BAD_REQUEST', message: '填写的内容有误，中心库未接受' },
  401: { code: 'UNAUTHENTICATED', message: '登录已失效，请重新登录' },
  403: { code: 'FORBIDDEN', message: '本账号无权办理此事项' },
  404: { code: 'NOT_FOUND', message: '记录不存在，或不在本单位的范围内' },
  409: { code: 'CONFLICT', message: '与已有记录冲突，未办理' },
  423: { code: 'ACCOUNT_LOCKED', message: '账号已被锁定，请稍后再试或请管理员解锁' },
};

export function refusalOf(status: number, body: unknown): DeskRefusal {
  const error = storeErrorOf(body);
  const fallback = STATUS_MESSAGES[status] ?? {
    code: status >= 500 ? 'STORE_ERROR' : `HTTP_${status}`,
    message: `中心库处理出错（HTTP ${status}），未办理，请稍后再试`,
  };
  const issues = error.issues.map((i) => ({ path: i.path.replace(/^(body|query|params)\./, ''), message: i.message }));
  const requirement = issues.find((i) => REQUIREMENT_ID.test(i.path))?.path ?? requirementIn(error.message ?? '');
  const refusal: DeskRefusal = {
    requirement,
    code: error.code ?? fallback.code,
    message: error.message !== null && error.message !== '' ? error.message : fallback.message,
  };
  const fields = issues.filter((i) => !REQUIREMENT_ID.test(i.path));
  if (fields.length > 0) refusal.issues = fields;
  return refusal;
}

/** A message like "…（R14.3）" names its requirement; a 403 of the warden's rule has no issue path. */
function requirementIn(message: string): string | null {
  return /（(R\d+(?:\.\d+)?(?:\(\d+\))?)[）、]/.exec(message)?.[1] ?? null;
}

export function offlineRefusal(error: unknown): DeskRefusal {
  const timeout = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
  return {
    requirement: null,
    code: 'OFFLINE',
    message: timeout
      ? '中心库响应超时，本次操作未办理，请检查网络后重试'
      : '无法连接中心库（网络不通），本次操作未办理，请检查网络后重试',
  };
}

export function answerRefusal(path: string): DeskRefusal {
  return { requirement: null, code: 'BAD_ANSWER', message: `中心库的答复格式不符（${path}），请联系管理员核对软件版本` };
}

/** Why a request to the store gave nothing usable, as the clerk reads it. */
export function refusalFor(failure: StoreFailure, path: string): DeskRefusal {
  if (failure.kind === 'unreached') return offlineRefusal(failure.error);
  if (failure.kind === 'oversized' || failure.expected === 'shape') return answerRefusal(path);
  return refusalOf(failure.status, failure.body);
}

export const deskOutcomeOf = <T>(result: StoreResult<T>, path: string): DeskOutcome<T> =>
  result.ok ? { accepted: true, value: result.value } : { accepted: false, refusal: refusalFor(result.failure, path) };

export const notLoggedIn = (): DeskRefusal => ({ requirement: null, code: 'NOT_LOGGED_IN', message: '请先登录中心库账号' });

// The central store's error answers as the desk's refusals. The store answers
// { error: { code, message (zh-CN), issues: [{ path, message }] } }; a rule's
// refusal (409) names its requirement id as an issue path (e.g. 'R14.1'),
// which is kept as `requirement`. Field paths lose their 'body.' / 'query.'
// prefix so the form can point at its own field.
import type { DeskRefusal } from '../../src-shared/desk/outcome';

const REQUIREMENT_ID = /^R\d+(\.\d+)?(\(\d+\))?$/;

const STATUS_MESSAGES: Record<number, { code: string; message: string }> = {
  400: { code: 'BAD_REQUEST', message: '填写的内容有误，中心库未接受' },
  401: { code: 'UNAUTHENTICATED', message: '登录已失效，请重新登录' },
  403: { code: 'FORBIDDEN', message: '本账号无权办理此事项' },
  404: { code: 'NOT_FOUND', message: '记录不存在，或不在本单位的范围内' },
  409: { code: 'CONFLICT', message: '与已有记录冲突，未办理' },
  423: { code: 'ACCOUNT_LOCKED', message: '账号已被锁定，请稍后再试或请管理员解锁' },
};

interface StoreErrorBody {
  error?: { code?: unknown; message?: unknown; issues?: Array<{ path?: unknown; message?: unknown }> };
}

export function refusalOf(status: number, body: unknown): DeskRefusal {
  const error = (body as StoreErrorBody | null)?.error;
  const fallback = STATUS_MESSAGES[status] ?? { code: status >= 500 ? 'STORE_ERROR' : `HTTP_${status}`, message: `中心库处理出错（HTTP ${status}），未办理，请稍后再试` };
  const issues = (error?.issues ?? [])
    .filter((i): i is { path: string; message: string } => typeof i.path === 'string' && typeof i.message === 'string')
    .map((i) => ({ path: i.path.replace(/^(body|query|params)\./, ''), message: i.message }));
  const requirement = issues.find((i) => REQUIREMENT_ID.test(i.path))?.path ?? requirementIn(typeof error?.message === 'string' ? error.message : '');
  const refusal: DeskRefusal = {
    requirement,
    code: typeof error?.code === 'string' ? error.code : fallback.code,
    message: typeof error?.message === 'string' && error.message !== '' ? error.message : fallback.message,
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
    message: timeout ? '中心库响应超时，本次操作未办理，请检查网络后重试' : '无法连接中心库（网络不通），本次操作未办理，请检查网络后重试',
  };
}

export function answerRefusal(path: string): DeskRefusal {
  return { requirement: null, code: 'BAD_ANSWER', message: `中心库的答复格式不符（${path}），请联系管理员核对软件版本` };
}

export const notLoggedIn = (): DeskRefusal => ({ requirement: null, code: 'NOT_LOGGED_IN', message: '请先登录中心库账号' });

// Who may call a method of the IPC contract. Every method declares one of these beside its
// schemas (contract.ts, desk-contract.ts); main's dispatcher checks it before any service
// runs and refuses with NOT_AUTHORISED, so a screen hidden behind the login is not the only
// guard. R25.1: every visit runs under the direct control of two administrators.
export const ACCESS_LEVELS = [
  /** Anyone, at any time: the idle screen, the login itself, the session, locking. */
  'none',
  /** At least one administrator logged in (their own session: log out, keep it alive). */
  'one-admin',
  /** R25.1: two administrators logged in (an inactivity lock or a restart logs both out). */
  'two-admins',
  /**
   * The automatic plumbing of a visit two administrators started: its call's media and its
   * recording. Without them (inactivity lock, restart mid-visit) only for the visit whose
   * call runs at this terminal, or the recording that is still open (R13.1, R18.1).
   */
  'live-visit',
  /**
   * Enrolment: nobody needed while the terminal holds no credential (no accounts exist here
   * before the first sync; the one-time code is the authority); two administrators after.
   */
  'enrolment',
  /** Desk mode: a clerk logged in to the central store at this desk. */
  'desk-clerk',
] as const;

export type Access = (typeof ACCESS_LEVELS)[number];

/** What NOT_AUTHORISED says, per requirement (zh-CN, shown as it is). */
export const ACCESS_REFUSALS: Readonly<Record<Access, string>> = {
  none: '',
  'one-admin': '需要管理员登录后才能操作',
  'two-admins': '需要两名管理员登录后才能操作（R25.1）',
  'live-visit': '需要两名管理员登录后才能操作（R25.1）',
  enrolment: '本终端已注册：重新注册需要两名管理员登录后才能操作（R25.1）',
  'desk-clerk': '请先登录中心库账号',
};

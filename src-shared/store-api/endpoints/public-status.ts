// The status page for relatives (issue #25 item 9): public, no account. A relative gives the
// application number (申请编号, the application's id the desk tells them) and their own ID
// number, and learns the current step, its due date (R14.1) and, once a visit is arranged, its
// date, time and place: nothing else (no names, no reasons). A wrong number, a wrong ID number
// and an application that does not exist all get the same neutral answer, so the page cannot
// tell which numbers exist. Rate-limited per IP and per application number, and audited.
import { z } from 'zod';
import type { StoreEndpoint } from '../endpoint';

export const publicStatusBody = z
  .object({
    applicationNumber: z.string().trim().min(1, '请填写申请编号').max(64, '申请编号不能超过 64 个字符'),
    idNumber: z.string().trim().min(1, '请填写本人身份证件号码').max(32, '证件号码不能超过 32 个字符'),
  })
  .strict()
  .meta({ id: 'PublicStatusQuery' });

export const publicStatusAnswerSchema = z
  .discriminatedUnion('found', [
    z.object({
      found: z.literal(false),
      /** The same words for every miss (no enumeration). */
      message: z.string(),
    }),
    z.object({
      found: z.literal(true),
      /** 当前环节, e.g. 监狱审批; or 已批准 / 未获批准 when the chain has ended. */
      step: z.string(),
      /** The open step's due date (YYYY-MM-DD, R14.1); null once the chain has ended. */
      dueOn: z.string().nullable(),
      /** Once arranged: where and when the relatives come (their side's room). */
      visit: z.object({ date: z.string(), start: z.string(), minutes: z.number().int(), place: z.string() }).nullable(),
    }),
  ])
  .meta({ id: 'PublicStatusAnswer' });
export type PublicStatusAnswer = z.infer<typeof publicStatusAnswerSchema>;

export const publicStatusEndpoints = {
  /** The page itself: server-rendered HTML in Chinese (a form; the script below asks the query). */
  page: { method: 'GET', path: '/status', response: z.string().describe('text/html') },
  /** The page's script, served from the store (the page's CSP allows only 'self'). */
  script: { method: 'GET', path: '/status/status.js', response: z.string().describe('text/javascript') },
  query: { method: 'POST', path: '/api/public/status', body: publicStatusBody, response: publicStatusAnswerSchema },
} as const satisfies Record<string, StoreEndpoint>;

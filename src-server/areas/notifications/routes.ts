// Messages to the family (issue #25 item 8; R8.4, R9.2): an application's messages with
// their delivery against the step's deadline, and sending one again to a number the clerk
// gives. Scoped like the application (applications/act.ts findVisibleApplication); both the
// view and the resend are written to staff_audit. A bad number is refused by the body's
// schema (400, 手机号码格式不对…) before anything is read or written.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { requireStaff, staffCaller } from '../../auth/authenticate';
import { nowIso } from '../../clock';
import { conflict } from '../../http/api-error';
import { declaredRoute } from '../../http/declared-route';
import { auditStaffAction } from '../audit/staff-audit';
import { findVisibleApplication } from '../applications/act';
import { REVIEW_ROLES, stepLabel } from '../applications/review-chain';
import { chinaDateOf, todayInChina } from '../calendar/load-calendar';
import { chinaMobile, maskedMobile } from '../../../src-shared/notifications/phone';
import { notificationEndpoints } from '../../../src-shared/store-api/endpoints/notifications';
import type { NotificationRecord } from '../../../src-shared/store-api/endpoints/notifications';
import type { NotificationsTable } from '../../db/schema';
import type { FamilyNotifier } from './notifier';
import {
  latestFamilyStep,
  MAX_RESENDS_PER_APPLICATION,
  notificationById,
  notificationsOf,
  queueResend,
  resendsOf,
} from './outbox';

type Row = NotificationsTable & { step_kind: string };

function timeliness(row: Row, today: string): NotificationRecord['timeliness'] {
  if (row.status === 'delivered') return row.final_at !== null && chinaDateOf(row.final_at) <= row.due_on ? 'in-time' : 'late';
  if (row.status === 'cancelled') return 'cancelled';
  if (row.status === 'failed' || row.status === 'expired') return 'not-told';
  return today > row.due_on ? 'overdue' : 'pending';
}

export function toNotificationRecord(row: Row, today: string): NotificationRecord {
  return {
    id: row.id,
    cause: row.cause,
    phone: maskedMobile(row.phone),
    body: row.body,
    parts: Number(row.part_count),
    status: row.status,
    attempts: Number(row.attempts),
    lastError: row.last_error,
    stepLabel: stepLabel(row.step_kind).label,
    dueOn: row.due_on,
    timeliness: timeliness(row, today),
    createdAt: row.created_at,
    sentByClerk: row.created_by !== null,
    submittedAt: row.submitted_at,
    finalAt: row.final_at,
  };
}

export function notificationRoutes(ctx: AppContext, notifier: FamilyNotifier): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onReady', async () => notifier.start());
    app.addHook('onClose', async () => notifier.stop());

    app.route({
      ...declaredRoute(notificationEndpoints.list, {
        tags: ['applications'],
        summary: '申请的亲属短信通知：发送与送达状态，对照环节期限（R8.4、R9.2）',
        description: '号码只显示前三后四位；每次查看记入审计。短信网关未配置时短信在发件箱排队，不会丢失。',
      }),
      onRequest: requireStaff(ctx),
      handler: async (request) => {
        const me = staffCaller(request);
        const application = await findVisibleApplication(ctx, me, request.params.id);
        const rows = await notificationsOf(ctx.db, application.id);
        await auditStaffAction(ctx, me, 'notifications.view', application.id, { count: rows.length });
        const today = todayInChina(ctx.clock);
        return { gateway: notifier.view(), notifications: rows.map((r) => toNotificationRecord(r, today)) };
      },
    });

    app.route({
      ...declaredRoute(notificationEndpoints.resend, {
        tags: ['applications'],
        summary: '向亲属补发本环节的短信（如亲属换了手机号）：号码须为中国大陆手机号',
      }),
      onRequest: requireStaff(ctx, ...REVIEW_ROLES),
      handler: async (request, reply) => {
        const me = staffCaller(request);
        const application = await findVisibleApplication(ctx, me, request.params.id);
        if (application.status === 'withdrawn') throw conflict('申请已撤回，不再发送短信');
        const phone = chinaMobile(request.body.phone);
        if (phone === null) throw conflict('手机号码格式不对'); // the schema already refused it; kept for the type
        const step = await latestFamilyStep(ctx.db, application.id);
        if (!step) throw conflict('该申请尚未到通知亲属的环节（监狱作出决定后才有短信可发）');
        if ((await resendsOf(ctx.db, application.id)) >= MAX_RESENDS_PER_APPLICATION)
          throw conflict(`每份申请最多补发 ${MAX_RESENDS_PER_APPLICATION} 条短信，请电话或当面通知亲属`);
        const id = await queueResend(ctx.db, step, phone, {
          now: nowIso(ctx.clock),
          createdBy: me.staffId,
          statusPageUrl: ctx.config.statusPageUrl,
        });
        await auditStaffAction(ctx, me, 'notifications.resend', id, {
          applicationId: application.id,
          phone: maskedMobile(phone),
        });
        return reply.code(201).send(toNotificationRecord(await notificationById(ctx.db, id), todayInChina(ctx.clock)));
      },
    });
  };
}

// Visits and slots. A visit is booked by the prison's approval
// (areas/applications); here: the list (R18.1 interrupted visits awaiting
// their priority reschedule first), a visit's outcome, rescheduling, and the
// free slots of both rooms for a date. Staff only; scoped through
// auth/scope.ts (areas/applications/application-scope).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { formatZhDate, minutesOfDay, weekday } from '../../../src-shared/calendar';
import { arrangementFor, WEEKDAY_NAMES } from '../../../src-shared/regulation/prison-policy';
import { loadPrisonPolicy, prisonOfRoom } from '../arrangements/load-policy';
import type { AppContext } from '../../context';
import { requireStaff, staffCaller } from '../../auth/authenticate';
import { covers, scopeOf, scoped } from '../../auth/scope';
import { nowIso } from '../../clock';
import type { VisitRow } from '../../db/schema';
import { conflict, forbidden, invalidField, notFound } from '../../http/api-error';
import { declaredRoute } from '../../http/declared-route';
import { visibleVisits } from '../applications/application-scope';
import { HOLDING } from './book-visit';
import { rescheduleVisit } from './reschedule';
import { clockTime, toVisitRecord } from './visit-view';
import type { VisitRecord } from './visit-view';
import { updateVisit } from './book-visit';
import { visitEndpoints } from '../../../src-shared/store-api/endpoints/visits';

/** Default visiting windows the slot grid is cut from (prisons publish their own hours; R14.3 covers the rest). */
const DEFAULT_WINDOWS = [
  { start: '09:00', end: '12:00' },
  { start: '14:30', end: '17:30' },
];

export function scheduleRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const records = async (rows: VisitRow[]): Promise<VisitRecord[]> => {
    if (rows.length === 0) return [];
    const replaced = await ctx.db
      .selectFrom('visits')
      .select('priority_reschedule_of')
      .where(
        'priority_reschedule_of',
        'in',
        rows.map((r) => r.id),
      )
      .where('status', '<>', 'cancelled')
      .execute();
    return rows.map((r) => toVisitRecord(r, new Set(replaced.map((x) => x.priority_reschedule_of ?? ''))));
  };
  const findVisit = async (request: Parameters<typeof staffCaller>[0], id: string) => {
    const scope = await scopeOf(ctx, staffCaller(request));
    const row = await ctx.db
      .selectFrom('visits')
      .selectAll()
      .where('id', '=', id)
      .where(visibleVisits(ctx.db, scope))
      .executeTakeFirst();
    if (!row) throw notFound('会见安排不存在');
    return { row, scope };
  };

  return async (app) => {
    app.route({
      ...declaredRoute(visitEndpoints.list, {
        tags: ['visits'],
        summary: '会见安排（本单位范围）：因故障中断、待优先补排的在前（R18.1），其余按日期时间',
      }),
      onRequest: requireStaff(ctx),
      handler: async (request) => {
        const scope = await scopeOf(ctx, staffCaller(request));
        const { date, from, to, status, roomId, limit } = request.query;
        const filtered = () => {
          let q = ctx.db.selectFrom('visits').selectAll().where(visibleVisits(ctx.db, scope));
          if (date) q = q.where('date', '=', date);
          if (from) q = q.where('date', '>=', from);
          if (to) q = q.where('date', '<=', to);
          if (status) q = q.where('status', '=', status);
          if (roomId) q = q.where((eb) => eb.or([eb('room_id', '=', roomId), eb('remote_room_id', '=', roomId)]));
          return q.orderBy('date').orderBy('start_time').orderBy('id');
        };
        // R18.1: the interrupted visits still awaiting their priority reschedule come first, whatever the limit.
        const awaiting = await filtered()
          .where('status', '=', 'interrupted')
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom('visits as r')
                  .select('r.id')
                  .whereRef('r.priority_reschedule_of', '=', 'visits.id')
                  .where('r.status', '<>', 'cancelled'),
              ),
            ),
          )
          .execute();
        const skip = awaiting.map((v) => v.id);
        let rest = filtered();
        if (skip.length > 0) rest = rest.where('id', 'not in', skip);
        const rows = [...awaiting, ...(await rest.limit(Math.max(0, limit - awaiting.length)).execute())];
        return records(rows);
      },
    });

    app.route({
      ...declaredRoute(visitEndpoints.get, { tags: ['visits'] }),
      onRequest: requireStaff(ctx),
      handler: async (request) => {
        const { row } = await findVisit(request, request.params.id);
        const [record] = await records([row]);
        if (!record) throw new Error('unreachable: visit record');
        return record;
      },
    });

    app.route({
      ...declaredRoute(visitEndpoints.outcome, {
        tags: ['visits'],
        summary: '登记会见结果：完成、视为放弃（R10.1）、故障中断（R18.1）、中止（R16.1、R17.1）或取消',
      }),
      onRequest: requireStaff(ctx, 'administrator', 'reviewer'),
      handler: async (request) => {
        const { row, scope } = await findVisit(request, request.params.id);
        // Either room's site records what happened in its room.
        const sites = await ctx.db
          .selectFrom('rooms')
          .select('organisation_id')
          .where('id', 'in', [row.room_id, row.remote_room_id])
          .execute();
        if (!sites.some((s) => covers(scope, s.organisation_id)) || staffCaller(request).organisationKind === 'province') {
          throw forbidden('只有会见双方的单位可以登记会见结果');
        }
        if (row.status !== 'scheduled') throw conflict(`会见已是「${row.status}」状态，不能再改`);
        const { status, reasonCode, reason } = request.body;
        const needsReason = status === 'interrupted' || status === 'terminated';
        if (needsReason && reason === undefined && (reasonCode === undefined || reasonCode === 'other')) {
          throw invalidField('body.reason', '中断或中止会见须写明原因（选择原因代码，或选“其他”并写明）');
        }
        if (!needsReason && reasonCode !== undefined) throw invalidField('body.reasonCode', '只有中断或中止的会见登记原因代码');
        // R18.1 is the interruption's own code; a termination takes an R17.1 code or 'other'.
        if (status === 'terminated' && reasonCode === 'R18.1')
          throw invalidField('body.reasonCode', '中止会见的原因应为 R17.1 所列情形或“其他”');
        const code = needsReason ? (reasonCode ?? (status === 'interrupted' ? 'R18.1' : 'other')) : null;
        const now = nowIso(ctx.clock);
        await ctx.db.transaction().execute(async (trx) => {
          await updateVisit(trx, now, row.id, { status });
          await trx
            .updateTable('visits')
            .set({ outcome_code: code, outcome_reason: reason ?? null })
            .where('id', '=', row.id)
            .execute();
        });
        request.log.info({ visitId: row.id, status, reasonCode: code, reason }, 'visit outcome recorded');
        const updated = await ctx.db.selectFrom('visits').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
        const [record] = await records([updated]);
        if (!record) throw new Error('unreachable: visit record');
        return record;
      },
    });

    app.route({
      ...declaredRoute(visitEndpoints.reschedule, {
        tags: ['visits'],
        summary: '改期：中断的会见优先补排且不计次数（R18.1）；已安排的会见改到新时段（R9.3）',
      }),
      onRequest: requireStaff(ctx, 'administrator', 'reviewer'),
      handler: async (request) => {
        const { row, scope } = await findVisit(request, request.params.id);
        const me = staffCaller(request);
        const application = await ctx.db
          .selectFrom('applications')
          .select(['id', 'inmate_id', 'prison_id', 'partner_id', 'languages'])
          .where('id', '=', row.application_id)
          .executeTakeFirstOrThrow();
        // The prison arranges the time (R8.3, R9.3, R18.1).
        if (!covers(scope, application.prison_id) || me.organisationKind === 'province')
          throw forbidden('会见改期由罪犯所在监狱安排');
        const { visit, decision } = await rescheduleVisit(ctx, row, application, request.body);
        const [record] = await records([visit]);
        if (!record) throw new Error('unreachable: visit record');
        return { visit: record, decision };
      },
    });

    app.route({
      ...declaredRoute(visitEndpoints.slots, { tags: ['visits'], summary: '某日两个会见室的空闲时段' }),
      onRequest: requireStaff(ctx),
      handler: async (request) => {
        const { date, roomId, remoteRoomId, minutes, from, to } = request.query;
        const scope = await scopeOf(ctx, staffCaller(request));
        const mine = await ctx.db
          .selectFrom('rooms')
          .select('id')
          .where('id', 'in', [roomId, remoteRoomId])
          .where(scoped.rooms(scope))
          .execute();
        // One of the two rooms must be the caller's; the other side's bookings show only as busy times.
        if (mine.length === 0) throw notFound('会见室不存在');
        const known = await ctx.db.selectFrom('rooms').select('id').where('id', 'in', [roomId, remoteRoomId]).execute();
        for (const [key, id] of [
          ['query.roomId', roomId],
          ['query.remoteRoomId', remoteRoomId],
        ] as const) {
          if (!known.some((r) => r.id === id)) throw invalidField(key, '会见室不存在');
        }
        const busy = await ctx.db
          .selectFrom('visits')
          .select(['room_id', 'remote_room_id', 'start_time', 'minutes'])
          .where('date', '=', date)
          .where('status', 'in', HOLDING)
          .where((eb) => eb.or([eb('room_id', 'in', [roomId, remoteRoomId]), eb('remote_room_id', 'in', [roomId, remoteRoomId])]))
          .execute();
        // The prison room's own hours and days, else its prison's (issue 25 item 5; R14.3), else the default grid.
        const prisonId = await prisonOfRoom(ctx.db, roomId);
        const arranged = prisonId === null ? null : arrangementFor(await loadPrisonPolicy(ctx.db, prisonId), roomId);
        const hours =
          from !== undefined && to !== undefined
            ? { source: 'query' as const, windows: [{ start: from, end: to }], days: [] as number[] }
            : arranged !== null && arranged.visitingHours.length > 0
              ? { source: arranged.source, windows: arranged.visitingHours, days: arranged.visitingDays }
              : { source: 'default' as const, windows: DEFAULT_WINDOWS, days: arranged?.visitingDays ?? [] };
        if (hours.days.length > 0 && !hours.days.includes(weekday(date)))
          return {
            date,
            minutes,
            slots: [],
            hours,
            closed: `${formatZhDate(date)}（${WEEKDAY_NAMES[weekday(date)]}）不是该会见室的会见日；在非规定时间会见须经监狱长批准（R14.3）`,
          };
        const windows = hours.windows;
        const step = request.query.step ?? minutes;
        const freeIn = (room: string, start: number) =>
          !busy.some(
            (b) =>
              (b.room_id === room || b.remote_room_id === room) &&
              start < minutesOfDay(b.start_time) + Number(b.minutes) &&
              minutesOfDay(b.start_time) < start + minutes,
          );
        const slots = windows.flatMap((w) => {
          const out = [];
          for (let s = minutesOfDay(w.start); s + minutes <= minutesOfDay(w.end); s += step) {
            const roomFree = freeIn(roomId, s);
            const remoteRoomFree = freeIn(remoteRoomId, s);
            out.push({
              start: clockTime(s),
              end: clockTime(s + minutes),
              roomFree,
              remoteRoomFree,
              free: roomFree && remoteRoomFree,
            });
          }
          return out;
        });
        return { date, minutes, slots, hours };
      },
    });
  };
}

// Working-day questions (R14.1) and the override table the province keeps:
// the State Council publishes next year's schedule in late autumn, and the
// calendar package stops at 2026, so an administrator of the province upserts
// a whole year here (and, rarely, a single day). Reads: any staff.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { REVIEW_STEPS, reviewStepDueDate } from '../../../src-shared/calendar';
import type { AppContext } from '../../context';
import { nowIso } from '../../clock';
import { requireStaff, staffCaller } from '../../auth/authenticate';
import { badRequest, forbidden } from '../../http/api-error';
import type { Issue } from '../../http/api-error';
import { declaredRoute } from '../../http/declared-route';
import { loadCalendar, loadOverrides } from './load-calendar';
import { calendarEndpoints } from '../../../src-shared/store-api/endpoints/calendar';

function provinceAdministrator(ctx: AppContext) {
  const admin = requireStaff(ctx, 'administrator');
  return async (...args: Parameters<typeof admin>) => {
    await admin(...args);
    if (staffCaller(args[0]).organisationKind !== 'province') throw forbidden('工作日历只能由省司法厅管理员维护');
  };
}

export function calendarRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.route({
      ...declaredRoute(calendarEndpoints.day, { tags: ['calendar'], summary: '某日是否工作日（R14.1）' }),
      onRequest: requireStaff(ctx),
      handler: async (request) => {
        const calendar = await loadCalendar(ctx.db);
        const info = calendar.describeDay(request.params.date);
        return { ...info, acceptsApplications: info.working };
      },
    });

    app.route({
      ...declaredRoute(calendarEndpoints.dueDate, { tags: ['calendar'], summary: '审查环节的到期日（R8.2–R9.3，按工作日计算）' }),
      onRequest: requireStaff(ctx),
      handler: async (request) => {
        const step = request.query.step as keyof typeof REVIEW_STEPS;
        const calendar = await loadCalendar(ctx.db);
        const { requirement, workingDays } = REVIEW_STEPS[step];
        return {
          step,
          requirement,
          workingDays,
          receivedOn: request.query.receivedOn,
          dueOn: reviewStepDueDate(calendar, step, request.query.receivedOn),
        };
      },
    });

    app.route({
      ...declaredRoute(calendarEndpoints.overrides, { tags: ['calendar'], summary: '工作日历覆盖表' }),
      onRequest: requireStaff(ctx),
      handler: async () => {
        const overrides = await loadOverrides(ctx.db);
        return { coveredYears: [...(await loadCalendar(ctx.db)).coveredYears], ...overrides };
      },
    });

    app.route({
      ...declaredRoute(calendarEndpoints.putYear, {
        tags: ['calendar'],
        summary: '录入或替换一整年的国务院放假安排（省司法厅管理员）',
      }),
      onRequest: provinceAdministrator(ctx),
      handler: async (request) => {
        const { year } = request.params;
        const { holidays, workdays, source } = request.body;
        const issues: Issue[] = [];
        for (const [key, list] of [
          ['holidays', holidays],
          ['workdays', workdays],
        ] as const) {
          list.forEach((d, i) => {
            if (!d.startsWith(`${year}-`)) issues.push({ path: `body.${key}.${i}`, message: `日期不属于 ${year} 年` });
          });
        }
        workdays.forEach((d, i) => {
          if (holidays.includes(d)) issues.push({ path: `body.workdays.${i}`, message: `${d} 不能既是放假日又是调休上班日` });
        });
        if (issues.length > 0) throw badRequest(`请求数据有误：${issues.map((i) => i.path).join('、')}`, issues);
        const row = {
          year,
          holidays: JSON.stringify([...new Set(holidays)].sort()),
          workdays: JSON.stringify([...new Set(workdays)].sort()),
          source,
          updated_by: staffCaller(request).staffId,
          updated_at: nowIso(ctx.clock),
        };
        await ctx.db
          .insertInto('calendar_years')
          .values(row)
          .onConflict((oc) =>
            oc.column('year').doUpdateSet({
              holidays: row.holidays,
              workdays: row.workdays,
              source: row.source,
              updated_by: row.updated_by,
              updated_at: row.updated_at,
            }),
          )
          .execute();
        request.log.info({ year, source }, 'calendar year upserted');
        const overrides = await loadOverrides(ctx.db);
        return { coveredYears: [...(await loadCalendar(ctx.db)).coveredYears], ...overrides };
      },
    });

    app.route({
      ...declaredRoute(calendarEndpoints.putDay, {
        tags: ['calendar'],
        summary: '更正单日（省司法厅管理员；不能单独使某年被收录）',
      }),
      onRequest: provinceAdministrator(ctx),
      handler: async (request) => {
        const row = {
          date: request.params.date,
          working: request.body.working ? 1 : 0,
          note: request.body.note,
          updated_by: staffCaller(request).staffId,
          updated_at: nowIso(ctx.clock),
        };
        await ctx.db
          .insertInto('calendar_days')
          .values(row)
          .onConflict((oc) =>
            oc
              .column('date')
              .doUpdateSet({ working: row.working, note: row.note, updated_by: row.updated_by, updated_at: row.updated_at }),
          )
          .execute();
        const overrides = await loadOverrides(ctx.db);
        return { coveredYears: [...(await loadCalendar(ctx.db)).coveredYears], ...overrides };
      },
    });
  };
}

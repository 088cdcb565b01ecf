// A prison's own arrangements (issue 25 item 5; R14.2, R14.3): read by staff whose scope
// holds the prison, set by the prison's administrators or the province's (a ward's
// administrator may not). The regulation's limits stay the ceiling (prisonPolicySchema).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { requireStaff, staffCaller } from '../../auth/authenticate';
import type { StaffCaller } from '../../auth/caller';
import { covers, scopeOf } from '../../auth/scope';
import { forbidden, notFound } from '../../http/api-error';
import { declaredRoute } from '../../http/declared-route';
import { arrangementEndpoints, ARRANGEMENT_CEILING } from '../../../src-shared/store-api/endpoints/arrangements';
import type { ArrangementsRecord } from '../../../src-shared/store-api/endpoints/arrangements';
import { loadPrisonPolicy } from './load-policy';
import { saveArrangements } from './save-arrangements';

export function arrangementRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  async function visiblePrison(me: StaffCaller, id: string) {
    const scope = await scopeOf(ctx, me);
    const prison = await ctx.db
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('id', '=', id)
      .where('kind', '=', 'prison')
      .executeTakeFirst();
    if (!prison || !covers(scope, prison.id)) throw notFound('监狱不存在');
    return prison;
  }

  async function record(prison: { id: string; name: string }): Promise<ArrangementsRecord> {
    const [policy, rooms, row] = await Promise.all([
      loadPrisonPolicy(ctx.db, prison.id),
      ctx.db
        .selectFrom('rooms')
        .innerJoin('organisations', 'organisations.id', 'rooms.organisation_id')
        .select(['rooms.id', 'rooms.name', 'organisations.name as orgName'])
        .where((eb) => eb.or([eb('organisations.id', '=', prison.id), eb('organisations.parent_id', '=', prison.id)]))
        .orderBy('organisations.code')
        .orderBy('rooms.name')
        .execute(),
      ctx.db
        .selectFrom('prison_arrangements')
        .leftJoin('staff', 'staff.id', 'prison_arrangements.updated_by')
        .select(['prison_arrangements.updated_at', 'staff.display_name'])
        .where('prison_id', '=', prison.id)
        .executeTakeFirst(),
    ]);
    return {
      prisonId: prison.id,
      prisonName: prison.name,
      adult: policy.adult,
      juvenile: policy.juvenile,
      visitingHours: policy.visitingHours,
      visitingDays: policy.visitingDays,
      rooms: rooms.map((r) => {
        const own = policy.rooms.find((x) => x.roomId === r.id);
        return {
          roomId: r.id,
          name: r.orgName === prison.name ? r.name : `${r.orgName} ${r.name}`,
          visitingHours: own?.visitingHours ?? [],
          visitingDays: own?.visitingDays ?? [],
        };
      }),
      ceiling: ARRANGEMENT_CEILING,
      updatedAt: row?.updated_at ?? null,
      updatedBy: row?.display_name ?? null,
    };
  }

  return async (app) => {
    app.route({
      ...declaredRoute(arrangementEndpoints.get, {
        tags: ['arrangements'],
        summary: '监狱的会见安排：限额（不超过第十四条规定，R14.2）、会见时间和会见日（含各会见室，R14.3）',
      }),
      onRequest: requireStaff(ctx),
      handler: async (request) => record(await visiblePrison(staffCaller(request), request.params.id)),
    });

    app.route({
      ...declaredRoute(arrangementEndpoints.set, {
        tags: ['arrangements'],
        summary: '设置监狱的会见安排（本监狱或省厅管理员）；成年罪犯限额只能严于第十四条（R14.2）',
      }),
      onRequest: requireStaff(ctx, 'administrator'),
      handler: async (request) => {
        const me = staffCaller(request);
        const prison = await visiblePrison(me, request.params.id);
        if (me.organisationKind !== 'province' && me.organisationId !== prison.id)
          throw forbidden('会见安排由监狱或省厅的管理员设置');
        await saveArrangements(ctx, me, prison.id, request.body);
        return record(prison);
      },
    });
  };
}

// GET /api/review-queue: the open steps waiting for the caller's organisation
// (and those below it; a bureau's notifications also for the office that
// received the application, R8.4), each with its due date; overdue first,
// then by due date (R14.1). The province sees every site's queue (R29.1).
import { sql } from 'kysely';
import type { SqlBool } from 'kysely';
import type { StaffCaller } from '../../auth/caller';
import { scopeOf, scoped } from '../../auth/scope';
import type { AppContext } from '../../context';
import { todayInChina } from '../calendar/load-calendar';
import type { QueueItem } from '../../../src-shared/desk/records';
import { toStepRecord, toSummaries } from './application-view';

export { queueItemSchema } from '../../../src-shared/desk/records';
export type { QueueItem } from '../../../src-shared/desk/records';

export async function reviewQueue(ctx: AppContext, me: StaffCaller, limit: number): Promise<QueueItem[]> {
  const scope = await scopeOf(ctx, me);
  const orgs = ctx.db.selectFrom('organisations').select('organisations.id').where(scoped.organisations(scope));
  const rows = await ctx.db
    .selectFrom('review_steps')
    .innerJoin('applications', 'applications.id', 'review_steps.application_id')
    .selectAll('review_steps')
    .where('review_steps.done_at', 'is', null)
    .where((eb) =>
      scope.all
        ? sql<SqlBool>`1 = 1`
        : eb.or([
            eb('review_steps.organisation_id', 'in', orgs),
            eb.and([
              eb('review_steps.kind', 'in', ['bureau-notifies-relative', 'bureau-notifies-and-replies']),
              eb('applications.organisation_id', 'in', orgs),
            ]),
          ]),
    )
    .orderBy('review_steps.due_on')
    .orderBy('review_steps.received_on')
    .orderBy('review_steps.id')
    .limit(limit)
    .execute();
  const today = todayInChina(ctx.clock);
  const apps =
    rows.length === 0
      ? []
      : await ctx.db
          .selectFrom('applications')
          .selectAll()
          .where(
            'id',
            'in',
            rows.map((r) => r.application_id),
          )
          .execute();
  const summaries = await toSummaries(ctx.db, apps);
  const items = rows.flatMap((r) => {
    const application = summaries.find((s) => s.id === r.application_id);
    return application ? [{ step: toStepRecord(r, today), application }] : [];
  });
  // Ordered by due date already, so overdue ones (due before today) are first; stable for the rest.
  return items;
}

// What a relative may learn of an application (issue #25 item 9): the current step and its due
// date (R14.1), and once arranged the visit's date, time and place on the relatives' side.
// Found only when the application number and one of its applicants' ID numbers both match;
// every other case is the same `null` (the caller answers one neutral sentence).
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { REVIEW_STEPS, type ReviewStep } from '../../../src-shared/calendar';
import type { PublicStatusAnswer } from '../../../src-shared/store-api/endpoints/public-status';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const ENDED: Record<string, string> = { approved: '已批准', refused: '未获批准' };

const stepLabel = (kind: string): string => (kind in REVIEW_STEPS ? REVIEW_STEPS[kind as ReviewStep].label : '审查中');

export async function lookUpStatus(
  db: Kysely<Database>,
  applicationNumber: string,
  idNumber: string,
): Promise<Extract<PublicStatusAnswer, { found: true }> | null> {
  const id = applicationNumber.trim().toLowerCase();
  if (!UUID.test(id)) return null;
  const application = await db.selectFrom('applications').select(['id', 'status']).where('id', '=', id).executeTakeFirst();
  if (!application) return null;
  const applicants = await db.selectFrom('applicants').select('document_number').where('application_id', '=', id).execute();
  const given = idNumber.trim().toUpperCase();
  if (!applicants.some((a) => a.document_number.trim().toUpperCase() === given)) return null;

  const open = await db
    .selectFrom('review_steps')
    .select(['kind', 'due_on'])
    .where('application_id', '=', id)
    .where('done_at', 'is', null)
    .orderBy('position', 'desc')
    .executeTakeFirst();
  const visit = await db
    .selectFrom('visits')
    .innerJoin('rooms', 'rooms.id', 'visits.remote_room_id')
    .innerJoin('organisations', 'organisations.id', 'rooms.organisation_id')
    .select(['visits.date', 'visits.start_time', 'visits.minutes', 'rooms.name as room', 'organisations.name as site'])
    .where('visits.application_id', '=', id)
    .where('visits.status', '=', 'scheduled')
    .orderBy('visits.date')
    .orderBy('visits.start_time')
    .executeTakeFirst();
  return {
    found: true,
    step: open ? stepLabel(open.kind) : (ENDED[application.status] ?? '审查中'),
    dueOn: open ? open.due_on : null,
    visit: visit
      ? { date: visit.date, start: visit.start_time, minutes: visit.minutes, place: `${visit.site}${visit.room}` }
      : null,
  };
}

// The regulation module's decision for an application (R14.2, R14.3, R15.1,
// R17.2, R18.1, R34.1–R37.1 ...), built from the store's rows: the inmate in
// the module's shape (toRegulationInmate), the applicants as visitors, the
// inmate's visits as history and the warden's exceptions. Stored with the
// application on submission and recomputed at each decision.
import type { Kysely } from 'kysely';
import { decideVisit, RegulationInputError } from '../../../src-shared/regulation';
import type { Decision, VisitorInput, VisitRecordInput, WardenExceptionInput } from '../../../src-shared/regulation';
import type { Application, Database } from '../../db/schema';
import { badRequest } from '../../http/api-error';
import { loadInmateRecord, toRegulationInmate } from '../inmates/inmate-view';
import { loadPrisonPolicy } from '../arrangements/load-policy';
import { parseLanguages } from './application-languages';

export interface ProposedSlot {
  /** The visit's id; before approval, the application's. */
  id: string;
  date: string;
  start: string;
  minutes: number;
  roomId: string;
  /** R18.1: the interrupted visit this one replaces. */
  reschedulesVisitId: string | null;
}

type Outcome = VisitRecordInput['outcome'];
const COUNTED_OUTCOMES: ReadonlySet<string> = new Set<Outcome>([
  'scheduled',
  'completed',
  'forfeited',
  'interrupted',
  'terminated',
]);

export async function decideApplication(
  db: Kysely<Database>,
  app: Pick<Application, 'id' | 'inmate_id' | 'prison_id' | 'languages'>,
  slot: ProposedSlot,
): Promise<Decision> {
  const inmateRow = await db.selectFrom('inmates').selectAll().where('id', '=', app.inmate_id).executeTakeFirstOrThrow();
  const [inmate, applicants, visits, exceptions, policy] = await Promise.all([
    loadInmateRecord(db, inmateRow),
    db.selectFrom('applicants').selectAll().where('application_id', '=', app.id).orderBy('position').execute(),
    db
      .selectFrom('visits')
      .innerJoin('applications', 'applications.id', 'visits.application_id')
      .select(['visits.id', 'visits.date', 'visits.status', 'visits.priority_reschedule_of', 'applications.category'])
      .where('visits.inmate_id', '=', app.inmate_id)
      .execute(),
    db.selectFrom('warden_exceptions').selectAll().where('inmate_id', '=', app.inmate_id).execute(),
    loadPrisonPolicy(db, inmateRow.prison_id),
  ]);
  const visitors: VisitorInput[] = applicants.map((a) => ({
    id: a.id,
    name: a.name,
    document: { kind: a.document_kind as VisitorInput['document']['kind'], number: a.document_number },
    role: JSON.parse(a.role) as VisitorInput['role'],
  }));
  // A cancelled visit never took place and never counts (R14.2); the rest pass through as outcomes.
  const history: VisitRecordInput[] = visits
    .filter((v) => COUNTED_OUTCOMES.has(v.status))
    .map((v) => ({
      id: v.id,
      date: v.date,
      outcome: v.status as Outcome,
      category: v.category,
      reschedulesVisitId: v.priority_reschedule_of,
    }));
  const wardenExceptions: WardenExceptionInput[] = exceptions.map((e) => {
    const common = {
      id: e.id,
      inmateId: e.inmate_id,
      visitDate: e.visit_date,
      approvedBy: { staffId: e.approved_by, name: e.approved_by_name, role: 'warden' as const },
      approvedOn: e.approved_on,
      reason: e.reason,
    };
    if (e.lifts === 'duration') return { ...common, lifts: 'duration', maxMinutes: Number(e.max_minutes) };
    if (e.lifts === 'visitor-count') return { ...common, lifts: 'visitor-count', maxVisitors: Number(e.max_visitors) };
    return { ...common, lifts: e.lifts };
  });
  try {
    return decideVisit({
      inmate: toRegulationInmate(inmate),
      visit: {
        id: slot.id,
        inmateId: app.inmate_id,
        date: slot.date,
        start: slot.start,
        minutes: slot.minutes,
        roomId: slot.roomId,
        visitors,
        reschedulesVisitId: slot.reschedulesVisitId,
        // R23.1: the interpreter is named at check-in; here the need is noted.
        languages: parseLanguages(app.languages),
        stage: 'application',
      },
      history,
      exceptions: wardenExceptions,
      // R14.2 under its ceiling, R14.3 hours and days: the prison's own arrangements.
      policy,
    });
  } catch (err) {
    if (err instanceof RegulationInputError)
      throw badRequest(
        `申请数据不能用于规则判断：${err.message}`,
        err.issues.map((i) => ({ path: i.field, message: i.message })),
      );
    throw err;
  }
}

// Applications as shown over the API: a summary for lists, the full record
// (applicants, the stored decision, every review step with its due date and
// overdue flag against today, visits, warden exceptions) for one.
import type { Kysely } from 'kysely';
import type { Application, Database, ReviewStepRow } from '../../db/schema';
import { chinaDateOf } from '../calendar/load-calendar';
import { toVisitRecord } from '../schedule/visit-view';
import type { ApplicationRecord, ApplicationSummary, StepRecord } from '../../../src-shared/desk/records';
import { languagesOf } from './application-languages';
import { stepLabel } from './review-chain';

const parseList = (json: string | null): string[] => (json === null ? [] : (JSON.parse(json) as string[]));

export function toStepRecord(row: ReviewStepRow, today: string): StepRecord {
  const { label, requirement } = stepLabel(row.kind);
  const overdue = row.done_at === null ? today > row.due_on : chinaDateOf(row.done_at) > row.due_on;
  return {
    id: row.id,
    kind: row.kind,
    label,
    requirement,
    organisationId: row.organisation_id,
    receivedOn: row.received_on,
    dueOn: row.due_on,
    overdue,
    doneAt: row.done_at,
    outcome: row.outcome,
    reason: row.reason,
    requirementIds: parseList(row.requirement_ids),
    detail: row.detail === null ? null : (JSON.parse(row.detail) as Record<string, unknown>),
    actorId: row.actor_id,
  };
}

export async function toSummaries(db: Kysely<Database>, apps: Application[]): Promise<ApplicationSummary[]> {
  if (apps.length === 0) return [];
  const ids = apps.map((a) => a.id);
  const [inmates, applicants] = await Promise.all([
    db
      .selectFrom('inmates')
      .leftJoin('organisations as ward', 'ward.id', 'inmates.ward_id')
      .select(['inmates.id', 'inmates.name', 'inmates.inmate_number', 'inmates.home_address', 'ward.name as ward_name'])
      .where('inmates.id', 'in', [...new Set(apps.map((a) => a.inmate_id))])
      .execute(),
    db
      .selectFrom('applicants')
      .select(['application_id', 'name'])
      .where('application_id', 'in', ids)
      .orderBy('position')
      .execute(),
  ]);
  return apps.map((a) => {
    const inmate = inmates.find((i) => i.id === a.inmate_id);
    return {
      id: a.id,
      form: a.form,
      channel: a.channel,
      path: a.path,
      status: a.status,
      outcome: a.outcome,
      category: a.category,
      inmate: {
        id: a.inmate_id,
        name: inmate?.name ?? '',
        inmateNumber: inmate?.inmate_number ?? '',
        wardName: inmate?.ward_name ?? '',
        homeAddress: inmate?.home_address ?? null,
      },
      prisonId: a.prison_id,
      organisationId: a.organisation_id,
      partnerId: a.partner_id,
      receivedOn: a.received_on,
      applicantNames: applicants.filter((p) => p.application_id === a.id).map((p) => p.name),
      ...languagesOf(a.languages),
      withdrawal: a.status === 'withdrawn' ? { reason: a.withdrawn_reason ?? '' } : null,
      refusal: a.refusal_reason === null ? null : { reason: a.refusal_reason, requirementIds: parseList(a.refusal_requirements) },
      createdAt: a.created_at,
      updatedAt: a.updated_at,
    };
  });
}

export async function toRecord(db: Kysely<Database>, app: Application, today: string): Promise<ApplicationRecord> {
  const [[summary], applicants, steps, visits, exceptions] = await Promise.all([
    toSummaries(db, [app]),
    db.selectFrom('applicants').selectAll().where('application_id', '=', app.id).orderBy('position').execute(),
    db.selectFrom('review_steps').selectAll().where('application_id', '=', app.id).orderBy('position').execute(),
    db.selectFrom('visits').selectAll().where('application_id', '=', app.id).orderBy('created_at').execute(),
    db.selectFrom('warden_exceptions').selectAll().where('application_id', '=', app.id).orderBy('created_at').execute(),
  ]);
  if (!summary) throw new Error('unreachable: application summary');
  const rescheduled = new Set(
    visits
      .filter((v) => v.priority_reschedule_of !== null && v.status !== 'cancelled')
      .map((v) => v.priority_reschedule_of ?? ''),
  );
  return {
    ...summary,
    preferred: { date: app.preferred_date, start: app.preferred_start, minutes: Number(app.preferred_minutes) },
    applicants: applicants.map((p) => ({
      id: p.id,
      name: p.name,
      role: JSON.parse(p.role) as ApplicationRecord['applicants'][number]['role'],
      document: { kind: p.document_kind, number: p.document_number },
      address: p.address,
      phone: p.phone,
      visitorId: p.visitor_id,
    })),
    decision: JSON.parse(app.decision) as ApplicationRecord['decision'],
    steps: steps.map((s) => toStepRecord(s, today)),
    visits: visits.map((v) => toVisitRecord(v, rescheduled)),
    exceptions: exceptions.map((e) => ({
      id: e.id,
      inmateId: e.inmate_id,
      applicationId: e.application_id,
      lifts: e.lifts,
      visitDate: e.visit_date,
      maxMinutes: e.max_minutes === null ? null : Number(e.max_minutes),
      maxVisitors: e.max_visitors === null ? null : Number(e.max_visitors),
      reason: e.reason,
      approvedBy: e.approved_by,
      approvedByName: e.approved_by_name,
      approvedOn: e.approved_on,
      createdAt: e.created_at,
    })),
  };
}

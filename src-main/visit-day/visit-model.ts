// Reads one visit and everything checked so far, in the shape check-in and readiness need.
import type { Database } from 'better-sqlite3';
import { ServiceError } from '../../src-shared/ipc/result';
import { RELATIONSHIPS, type RelationshipCode } from '../../src-shared/regulation/relationships';
import { languageLabel, needsInterpreter, type Language } from '../../src-shared/regulation/visit';
import { OFFICIAL_LETTER_KINDS, SPECIAL_VISITORS, type SpecialVisitorKind } from '../../src-shared/regulation/special-visitors';
import { readDetails, shownStatus, type SpecialDeclared } from './visit-details';
import { getVisit } from './visit-store';
import { checkinOpens, visitStart } from './visit-time';

export const DEPOSIT_ITEMS = ['phone', 'recorder', 'camera', 'other'] as const;
export type DepositItem = (typeof DEPOSIT_ITEMS)[number];
export const EQUIPMENT_CHECKS = ['camera', 'microphone', 'speaker', 'network', 'disk', 'recorder'] as const;
export type EquipmentCheckName = (typeof EQUIPMENT_CHECKS)[number];
/** 'cancelled' is derived: the store cancelled the visit (visits.details, ./visit-details). */
export type VisitStatus =
  'scheduled' | 'checking-in' | 'in-progress' | 'completed' | 'forfeited' | 'interrupted' | 'terminated' | 'cancelled';

export interface RosterVisitor {
  visitorId: string;
  name: string;
  documentNumber: string;
  relationship: string;
  relationshipLabel: string;
  checkedInAt: string | null;
  source: string | null;
  noticeAcknowledgedAt: string | null;
  depositDeclaredAt: string | null;
  depositRefusedAt: string | null;
  items: Array<{ itemId: number; item: DepositItem; description: string; depositedAt: string | null; returnedAt: string | null }>;
  /** R34.1: a special visitor's official papers as approved; null for a relative. */
  special: {
    kind: string;
    kindLabel: string;
    organisation: string;
    letter: { kind: string; label: string; reference: string } | null;
    credentialNumber: string | null;
  } | null;
  /** R34.1: when the administrator checked the papers against the approval. */
  documentsCheckedAt: string | null;
}

export interface Roster {
  visitId: string;
  date: string;
  startTime: string;
  minutes: number;
  inmateName: string;
  status: VisitStatus;
  planned: boolean;
  opensAt: string;
  startsAt: string;
  maxVisitors: number;
  languages: string[];
  interpreterRequired: boolean;
  visitors: RosterVisitor[];
  interpreter: { name: string; documentNumber: string; languages: string[]; checkedInAt: string } | null;
  equipment: Array<{ name: EquipmentCheckName; ok: boolean; detail: string; checkedAt: string }>;
  /** R34.1: special visitors only (lawyers etc.), outside the family quota; else family. */
  category: 'family' | 'special';
  /** R11.2: the prison police brought the inmate to the room (prison terminal). */
  inmateInPosition: { at: string; by: string } | null;
}

interface PlanRow {
  languages: string;
  max_visitors: number;
  checkin_opens_min: number;
}

export const DEFAULT_CHECKIN_OPENS_MINUTES = 30;

/** One definition with the store and the desk (R23.1). */
export { languageLabel, needsInterpreter };

const relationshipLabel = (code: string): string => {
  if (Object.hasOwn(RELATIONSHIPS, code)) return RELATIONSHIPS[code as RelationshipCode].label;
  const special = code.startsWith('special:') ? code.slice('special:'.length) : '';
  return Object.hasOwn(SPECIAL_VISITORS, special)
    ? `${SPECIAL_VISITORS[special as SpecialVisitorKind].label}（特殊会见人）`
    : code;
};

const specialOf = (declared: SpecialDeclared | undefined): RosterVisitor['special'] =>
  declared
    ? {
        kind: declared.kind,
        kindLabel: SPECIAL_VISITORS[declared.kind].label,
        organisation: declared.organisation,
        letter: declared.letter ? { ...declared.letter, label: OFFICIAL_LETTER_KINDS[declared.letter.kind] } : null,
        credentialNumber: declared.credentialNumber,
      }
    : null;

export function loadRoster(db: Database, visitId: string): Roster {
  const visit = getVisit(db, visitId);
  if (!visit) throw new ServiceError('NOT_FOUND', `没有找到编号为 ${visitId} 的会见。`);
  const plan = db
    .prepare<[string], PlanRow>('SELECT languages, max_visitors, checkin_opens_min FROM visit_plans WHERE visit_id = ?')
    .get(visitId);
  const languages = plan ? (JSON.parse(plan.languages) as Language[]) : [{ kind: 'mandarin' } as const];
  const start = visitStart(visit.date, visit.startTime);
  const details = readDetails(db, visitId);
  const status: VisitStatus = shownStatus(details, visit.status);
  const opens = checkinOpens(start, plan?.checkin_opens_min ?? DEFAULT_CHECKIN_OPENS_MINUTES);

  const approved = db
    .prepare<[string], { visitor_id: string; name: string; document_number: string; relationship: string }>(
      'SELECT visitor_id, name, document_number, relationship FROM approved_visitors WHERE visit_id = ? ORDER BY rowid',
    )
    .all(visitId);
  const checkins = new Map(
    db
      .prepare<[string], { document_number: string; checked_in_at: string; source: string | null }>(
        'SELECT document_number, checked_in_at, source FROM checkins WHERE visit_id = ?',
      )
      .all(visitId)
      .map((r) => [r.document_number, r]),
  );
  const notices = new Map(
    db
      .prepare<[string], { document_number: string; acknowledged_at: string }>(
        'SELECT document_number, acknowledged_at FROM notice_acknowledgements WHERE visit_id = ?',
      )
      .all(visitId)
      .map((r) => [r.document_number, r.acknowledged_at]),
  );
  const declarations = new Map(
    db
      .prepare<[string], { document_number: string; declared_at: string; refused_at: string | null }>(
        'SELECT document_number, declared_at, refused_at FROM deposit_declarations WHERE visit_id = ?',
      )
      .all(visitId)
      .map((r) => [r.document_number, r]),
  );
  const items = db
    .prepare<
      [string],
      {
        id: number;
        document_number: string;
        item: DepositItem;
        description: string;
        deposited_at: string | null;
        returned_at: string | null;
      }
    >(
      'SELECT id, document_number, item, description, deposited_at, returned_at FROM deposit_items WHERE visit_id = ? ORDER BY id',
    )
    .all(visitId);
  const interpreter = db
    .prepare<[string], { name: string; document_number: string; languages: string; checked_in_at: string }>(
      'SELECT name, document_number, languages, checked_in_at FROM visit_interpreters WHERE visit_id = ?',
    )
    .get(visitId);
  const equipment = db
    .prepare<[string], { name: EquipmentCheckName; ok: number; detail: string; checked_at: string }>(
      'SELECT name, ok, detail, checked_at FROM equipment_checks WHERE visit_id = ?',
    )
    .all(visitId)
    .sort((a, b) => EQUIPMENT_CHECKS.indexOf(a.name) - EQUIPMENT_CHECKS.indexOf(b.name));

  return {
    visitId,
    date: visit.date,
    startTime: visit.startTime,
    minutes: visit.minutes,
    inmateName: visit.inmateName,
    status,
    planned: plan !== undefined,
    opensAt: opens.toISOString(),
    startsAt: start.toISOString(),
    maxVisitors: plan?.max_visitors ?? 3,
    languages: languages.map(languageLabel),
    interpreterRequired: needsInterpreter(languages),
    visitors: approved.map((a) => {
      const checkin = checkins.get(a.document_number);
      const declaration = declarations.get(a.document_number);
      return {
        visitorId: a.visitor_id,
        name: a.name,
        documentNumber: a.document_number,
        relationship: a.relationship,
        relationshipLabel: relationshipLabel(a.relationship),
        checkedInAt: checkin?.checked_in_at ?? null,
        source: checkin?.source ?? null,
        noticeAcknowledgedAt: notices.get(a.document_number) ?? null,
        depositDeclaredAt: declaration?.declared_at ?? null,
        depositRefusedAt: declaration?.refused_at ?? null,
        items: items
          .filter((i) => i.document_number === a.document_number)
          .map((i) => ({
            itemId: i.id,
            item: i.item,
            description: i.description,
            depositedAt: i.deposited_at,
            returnedAt: i.returned_at,
          })),
        special: specialOf(details.special?.[a.document_number]),
        documentsCheckedAt: details.documentsChecked?.[a.document_number]?.at ?? null,
      };
    }),
    interpreter: interpreter
      ? {
          name: interpreter.name,
          documentNumber: interpreter.document_number,
          languages: JSON.parse(interpreter.languages) as string[],
          checkedInAt: interpreter.checked_in_at,
        }
      : null,
    equipment: equipment.map((e) => ({ name: e.name, ok: e.ok === 1, detail: e.detail, checkedAt: e.checked_at })),
    category: approved.length > 0 && approved.every((a) => a.relationship.startsWith('special:')) ? 'special' : 'family',
    inmateInPosition: details.inmateInPosition ? { at: details.inmateInPosition.at, by: details.inmateInPosition.by } : null,
  };
}

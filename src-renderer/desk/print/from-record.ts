// An application record (the central store's) → what Form 1 or Form 2 prints. Names of
// organisations come from the sites list; the arrangement from the booked visit and the
// prison's decision step (R8.3, R9.1); the inmate's home address and ward name from the
// inmate's record at the store (an address not recorded prints blank, to be written by hand).
import { chinaDate } from '../../../src-shared/calendar/china-time';
import type { ApplicationRecord, DeskSite } from '../../kiosk-types';
import { roleLabel } from '../app/labels';
import type { PrintJob } from './PrintDocument';
import type { PrintArrangement, PrintPerson } from './print-data';
import { withoutSuffix } from './print-data';
import { languageLabel } from '../../../src-shared/regulation/visit';

const DECISION_STEPS = new Set(['prison-decision', 'prison-decision-inmate-application']);

export interface PrintWords {
  /** The opinion printed when the prison approved, e.g. 同意安排远程视频会见。 */
  approvedOpinion: string;
}

function arrangementOf(app: ApplicationRecord, place: string, words: PrintWords): PrintArrangement | null {
  const visit = app.visits.find((v) => v.status !== 'cancelled') ?? null;
  const decided = app.steps.find((s) => DECISION_STEPS.has(s.kind) && s.doneAt !== null && s.outcome === 'approved') ?? null;
  if (!visit || !decided?.doneAt) return null;
  return {
    date: visit.date,
    halfDay: visit.start < '12:00' ? 'morning' : 'afternoon',
    place,
    visitsPerMonth: app.decision.limits?.visitsPerMonth ?? 1,
    minutesPerVisit: visit.minutes,
    opinion: decided.reason ?? words.approvedOpinion,
    decidedOn: chinaDate(new Date(decided.doneAt)),
  };
}

export function printJobOf(
  app: ApplicationRecord,
  sites: readonly DeskSite[],
  what: 'form' | 'notice',
  words: PrintWords,
): PrintJob {
  if (what === 'notice') return { form: 'notice' };
  const name = (id: string) => sites.find((s) => s.id === id)?.name ?? '';
  const persons: PrintPerson[] = app.applicants.map((p) => ({
    name: p.name,
    relationship: roleLabel(p.role),
    idNumber: p.document.number,
    address: p.address,
    phone: p.phone,
  }));
  const prisonName = name(app.prisonId);
  // R23.1: printed on both forms, so the room prepares the interpreter.
  const language = { languages: app.languages.map(languageLabel).join('、'), interpreterRequired: app.interpreterRequired };
  const partnerName = name(app.partnerId);
  if (app.form === 'form-1') {
    return {
      form: 'form-1',
      withNotice: false,
      data: {
        inmateName: app.inmate.name,
        inmateAddress: app.inmate.homeAddress ?? '',
        prisonName,
        wardName: app.inmate.wardName,
        prefecture: '',
        county: withoutSuffix(partnerName, '司法局'),
        appliedOn: app.receivedOn,
        persons,
        arrangement: arrangementOf(app, prisonName, words),
        ...language,
      },
    };
  }
  return {
    form: 'form-2',
    // The relatives take the notice home with the form (R12.1).
    withNotice: true,
    data: {
      prisonName,
      wardName: app.inmate.wardName,
      inmateName: app.inmate.name,
      inmateAddress: app.inmate.homeAddress ?? '',
      bureauName: partnerName,
      appliedOn: app.receivedOn,
      persons,
      arrangement: arrangementOf(app, partnerName, words),
      ...language,
    },
  };
}

// R23.1: a visit in a foreign or minority language, or in sign language, needs an
// interpreter present; the interpreter is recorded (name, ID number, languages).
import { parseIdNumber } from '../../src-shared/id-number';
import { chinaDate } from '../../src-shared/calendar/china-time';
import { refusal } from './refusal';
import type { StepOutcome } from './checkin';
import { windowRefusal } from './checkin';
import { recordAttributed, type StepContext } from './step-context';
import { loadRoster } from './visit-model';
import { documentTail } from './visit-time';

export interface InterpreterInput {
  name: string;
  documentNumber: string;
  languages: string[];
}

export function checkInInterpreter(ctx: StepContext, visitId: string, input: InterpreterInput): StepOutcome {
  const roster = loadRoster(ctx.db, visitId);
  const refuse = (code: string, message: string, requirement: string | null = 'R23.1'): StepOutcome => {
    const r = refusal(requirement, code, message);
    recordAttributed(ctx, 'interpreter.refused', { visitId, name: input.name, code, reason: message });
    return { accepted: false, refusal: r, roster };
  };
  const closed = windowRefusal(roster, ctx.now);
  if (closed) return { accepted: false, refusal: closed, roster };
  const name = input.name.trim();
  if (name === '') return refuse('name-missing', '请填写翻译人员姓名（R23.1）');
  const parsed = parseIdNumber(input.documentNumber, { today: chinaDate(ctx.now) });
  if (!parsed.ok) return refuse('invalid-id', `翻译人员证件号码不正确：${parsed.message}`);
  const number = parsed.value.normalized;
  if (roster.visitors.some((v) => v.documentNumber === number)) {
    return refuse('is-visitor', '会见人不能兼任翻译人员，须另有翻译人员在场（R23.1）');
  }
  const languages = input.languages.map((l) => l.trim()).filter((l) => l !== '');
  recordAttributed(ctx, 'interpreter.checkedIn', { visitId, name, documentTail: documentTail(number), languages }, () => {
    ctx.db
      .prepare(
        `INSERT INTO visit_interpreters (visit_id, name, document_number, languages, checked_in_at, staff_id) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (visit_id) DO UPDATE SET name = excluded.name, document_number = excluded.document_number,
         languages = excluded.languages, checked_in_at = excluded.checked_in_at, staff_id = excluded.staff_id`,
      )
      .run(
        visitId,
        name,
        number,
        JSON.stringify(languages.length > 0 ? languages : roster.languages),
        ctx.now.toISOString(),
        ctx.operator.staffId,
      );
  });
  return { accepted: true, roster: loadRoster(ctx.db, visitId) };
}

// R34.1: a special visitor (lawyer, notary, court, procuratorate, police, commission)
// comes with an official letter (介绍信/公函/委托书) and a credential (执业证/工作证). At
// check-in the administrator types the numbers on the papers presented; they must match
// what the approval recorded. A paper the approval lacks is a refusal, never waved through.
import { refusal } from './refusal';
import type { StepOutcome } from './checkin';
import { windowRefusal } from './checkin';
import { recordAttributed, type StepContext } from './step-context';
import { readDetails, setDetail } from './visit-details';
import { loadRoster } from './visit-model';
import { documentTail } from './visit-time';

export interface PresentedDocuments {
  documentNumber: string;
  /** The reference on the letter / power of attorney presented. */
  letterReference: string;
  /** The number of the credential presented. */
  credentialNumber: string;
}

const same = (a: string, b: string) => a.replace(/\s+/g, '').toUpperCase() === b.replace(/\s+/g, '').toUpperCase();

export function checkOfficialDocuments(ctx: StepContext, visitId: string, presented: PresentedDocuments): StepOutcome {
  const roster = loadRoster(ctx.db, visitId);
  const visitor = roster.visitors.find((v) => v.documentNumber === presented.documentNumber.trim().toUpperCase());
  const refuse = (code: string, message: string): StepOutcome => {
    recordAttributed(ctx, 'checkin.documentsRefused', {
      visitId,
      name: visitor?.name ?? '',
      code,
      reason: message,
      requirement: 'R34.1',
    });
    return { accepted: false, refusal: refusal('R34.1', code, message), roster };
  };
  const closed = windowRefusal(roster, ctx.now);
  if (closed) return { accepted: false, refusal: closed, roster };
  if (!visitor || visitor.checkedInAt === null)
    return {
      accepted: false,
      refusal: refusal('R34.1', 'not-checked-in', '请先为该会见人核验身份证件并签到，再核验介绍信和执业证件'),
      roster,
    };
  const declared = visitor.special;
  if (declared === null)
    return {
      accepted: false,
      refusal: refusal('R34.1', 'not-special', `${visitor.name} 是亲属会见人，无需核验公函或执业证件`),
      roster,
    };
  if (declared.letter === null)
    return refuse('letter-missing', `审批记录中没有 ${visitor.name} 的介绍信、公函或委托书，不能会见（R34.1）`);
  if (declared.credentialNumber === null)
    return refuse('credential-missing', `审批记录中没有 ${visitor.name} 的执业证或工作证号码，不能会见（R34.1）`);
  if (!same(presented.letterReference, declared.letter.reference)) {
    return refuse('letter-mismatch', `出示的${declared.letter.label}编号与审批记录不一致（R34.1）`);
  }
  if (!same(presented.credentialNumber, declared.credentialNumber))
    return refuse('credential-mismatch', '出示的执业证或工作证号码与审批记录不一致（R34.1）');
  const at = ctx.now.toISOString();
  recordAttributed(
    ctx,
    'checkin.documentsChecked',
    {
      visitId,
      name: visitor.name,
      documentTail: documentTail(visitor.documentNumber),
      kind: declared.kindLabel,
      organisation: declared.organisation,
      letter: `${declared.letter.label} ${declared.letter.reference}`,
      requirement: 'R34.1',
    },
    () => {
      setDetail(
        ctx.db,
        visitId,
        'documentsChecked',
        { ...readDetails(ctx.db, visitId).documentsChecked, [visitor.documentNumber]: { at, staffId: ctx.operator.staffId } },
        at,
      );
    },
  );
  return { accepted: true, roster: loadRoster(ctx.db, visitId) };
}

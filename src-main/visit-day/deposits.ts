// R19.1: visitors deposit phones, recorders, cameras and other prohibited items before
// entering; the record keeps item, owner, deposit and return. A refusal to deposit is
// handled as R16.1(1): warned, logged, and the visit cannot start while it stands.
import { refusal } from './refusal';
import type { StepOutcome } from './checkin';
import { recordAttributed, type StepContext } from './step-context';
import { loadRoster, type DepositItem, type Roster, type RosterVisitor } from './visit-model';
import { documentTail } from './visit-time';

export const DEPOSIT_LABELS: Record<DepositItem, string> = {
  phone: '手机',
  recorder: '录音设备',
  camera: '照相（摄像）设备',
  other: '其他物品',
};

function checkedInVisitor(roster: Roster, documentNumber: string): RosterVisitor | null {
  const v = roster.visitors.find((x) => x.documentNumber === documentNumber.toUpperCase());
  return v && v.checkedInAt !== null ? v : null;
}

const notCheckedIn = (roster: Roster): StepOutcome => ({
  accepted: false,
  refusal: refusal('R19.1', 'not-checked-in', '请先为该会见人办理签到，再登记寄存物品'),
  roster,
});

/** Declares what a visitor carries (an empty list = nothing to deposit). Declaring again adds items. */
export function declareDeposits(
  ctx: StepContext,
  visitId: string,
  documentNumber: string,
  items: ReadonlyArray<{ item: DepositItem; description: string }>,
): StepOutcome {
  const roster = loadRoster(ctx.db, visitId);
  const visitor = checkedInVisitor(roster, documentNumber);
  if (!visitor) return notCheckedIn(roster);
  const at = ctx.now.toISOString();
  recordAttributed(
    ctx,
    'deposit.declared',
    {
      visitId,
      visitorId: visitor.visitorId,
      name: visitor.name,
      documentTail: documentTail(visitor.documentNumber),
      items: items.map((i) => (i.description ? `${DEPOSIT_LABELS[i.item]}：${i.description}` : DEPOSIT_LABELS[i.item])),
    },
    () => {
      ctx.db
        .prepare(
          `INSERT INTO deposit_declarations (visit_id, document_number, declared_at, staff_id) VALUES (?, ?, ?, ?)
       ON CONFLICT (visit_id, document_number) DO NOTHING`,
        )
        .run(visitId, visitor.documentNumber, at, ctx.operator.staffId);
      const add = ctx.db.prepare(
        'INSERT INTO deposit_items (visit_id, document_number, item, description, staff_id) VALUES (?, ?, ?, ?, ?)',
      );
      for (const i of items) add.run(visitId, visitor.documentNumber, i.item, i.description.trim(), ctx.operator.staffId);
    },
  );
  return { accepted: true, roster: loadRoster(ctx.db, visitId) };
}

type ItemAction = 'deposited' | 'returned';

/** Marks one declared item as taken into custody, or as handed back after the visit. */
export function markDepositItem(ctx: StepContext, visitId: string, itemId: number, action: ItemAction): StepOutcome {
  const roster = loadRoster(ctx.db, visitId);
  const owner = roster.visitors.find((v) => v.items.some((i) => i.itemId === itemId));
  const item = owner?.items.find((i) => i.itemId === itemId);
  if (!owner || !item) return { accepted: false, refusal: refusal('R19.1', 'no-such-item', '没有找到该寄存物品'), roster };
  if (action === 'returned' && item.depositedAt === null) {
    return { accepted: false, refusal: refusal('R19.1', 'not-deposited', '该物品尚未寄存，无需归还'), roster };
  }
  if ((action === 'deposited' ? item.depositedAt : item.returnedAt) !== null) return { accepted: true, roster };
  const column = action === 'deposited' ? 'deposited_at' : 'returned_at';
  recordAttributed(
    ctx,
    action === 'deposited' ? 'deposit.deposited' : 'deposit.returned',
    {
      visitId,
      itemId,
      item: DEPOSIT_LABELS[item.item],
      description: item.description,
      owner: owner.name,
      documentTail: documentTail(owner.documentNumber),
    },
    () => {
      ctx.db
        .prepare(`UPDATE deposit_items SET ${column} = ? WHERE id = ? AND visit_id = ?`)
        .run(ctx.now.toISOString(), itemId, visitId);
      // Depositing after a refusal ends the R16.1(1) matter for that visitor once nothing is outstanding.
      if (action === 'deposited') {
        ctx.db
          .prepare(
            `UPDATE deposit_declarations SET refused_at = NULL WHERE visit_id = ? AND document_number = ?
         AND NOT EXISTS (SELECT 1 FROM deposit_items WHERE visit_id = ? AND document_number = ? AND deposited_at IS NULL AND id <> ?)`,
          )
          .run(visitId, owner.documentNumber, visitId, owner.documentNumber, itemId);
      }
    },
  );
  return { accepted: true, roster: loadRoster(ctx.db, visitId) };
}

/** R16.1(1): the visitor refuses to deposit; logged as a warning with that reason code. */
export function refuseDeposit(ctx: StepContext, visitId: string, documentNumber: string): StepOutcome {
  const roster = loadRoster(ctx.db, visitId);
  const visitor = checkedInVisitor(roster, documentNumber);
  if (!visitor) return notCheckedIn(roster);
  const at = ctx.now.toISOString();
  recordAttributed(
    ctx,
    'visit.warning',
    {
      visitId,
      reasonCode: 'R16.1(1)',
      reason: '会见人拒绝寄存通讯、录音、录像等设备',
      visitorId: visitor.visitorId,
      name: visitor.name,
    },
    () => {
      ctx.db
        .prepare(
          `INSERT INTO deposit_declarations (visit_id, document_number, declared_at, refused_at, staff_id) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (visit_id, document_number) DO UPDATE SET refused_at = excluded.refused_at`,
        )
        .run(visitId, visitor.documentNumber, at, at, ctx.operator.staffId);
    },
  );
  return { accepted: true, roster: loadRoster(ctx.db, visitId) };
}

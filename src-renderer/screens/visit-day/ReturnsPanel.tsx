// R19.1 after the visit: the deposited items still in custody, each handed back with one
// press (audited in main with the administrator's name). An item whose visit is over is
// highlighted: its owner is leaving without it.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../../app/kiosk-context';
import type { z } from 'zod';
import type { outstandingReturnSchema } from '../../../src-shared/ipc/contract';
import { hhmm, runStep } from './run-step';

type OutstandingReturn = z.infer<typeof outstandingReturnSchema>;

export function ReturnsPanel() {
  const { t } = useTranslation();
  const client = useKiosk();
  const [items, setItems] = useState<OutstandingReturn[]>([]);
  const load = useCallback(() => {
    if (client) void client.checkin.outstandingReturns().then(setItems, () => undefined);
  }, [client]);
  useEffect(() => {
    load();
    const id = window.setInterval(load, 15_000);
    return () => window.clearInterval(id);
  }, [load]);
  if (!client || items.length === 0) return null;
  const overdue = items.filter((i) => i.visitOver).length;
  return (
    <section className="vd-card" data-testid="returns">
      <h2 className="vd-card__title">{t('returns.title', { count: items.length })}</h2>
      {overdue > 0 && (
        <p className="vd-warn" role="alert" data-testid="returns-overdue">
          {t('returns.overdue', { count: overdue })}
        </p>
      )}
      <ul className="vd-prep__list">
        {items.map((i) => (
          <li key={i.itemId} data-testid={`return-${i.itemId}`} data-visit-over={i.visitOver}>
            <span>
              {t('returns.item', {
                owner: i.owner,
                item: i.itemLabel,
                description: i.description ? `：${i.description}` : '',
                start: i.startTime,
                time: hhmm(i.depositedAt),
              })}
              {i.visitOver && <strong className="vd-warn"> {t('returns.visitOver')}</strong>}
            </span>
            <button
              type="button"
              className="button button--primary"
              data-testid="return-item"
              onClick={() =>
                void runStep(() => client.checkin.depositItem({ visitId: i.visitId, itemId: i.itemId, action: 'returned' })).then(
                  load,
                )
              }
            >
              {t('returns.give')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

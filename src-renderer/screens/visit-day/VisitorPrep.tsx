// One checked-in visitor's notice acknowledgement (R12.1) and deposits (R19.1, with a
// refusal handled as R16.1(1)).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../../app/kiosk-context';
import type { RosterVisitor } from '../../kiosk-types';
import { OfficialDocumentsForm } from './OfficialDocumentsForm';
import { hhmm, runStep } from './run-step';

const ITEMS = ['phone', 'recorder', 'camera', 'other'] as const;
type Item = (typeof ITEMS)[number];

export function VisitorPrep({ visitId, visitor }: { visitId: string; visitor: RosterVisitor }) {
  const { t } = useTranslation();
  const client = useKiosk();
  const [chosen, setChosen] = useState<Item[]>([]);
  if (!client) return null;
  const doc = visitor.documentNumber;
  const toggle = (i: Item) => setChosen((c) => (c.includes(i) ? c.filter((x) => x !== i) : [...c, i]));
  const declare = async (items: Item[]) => {
    if (
      await runStep(() =>
        client.checkin.declareDeposits({ visitId, documentNumber: doc, items: items.map((item) => ({ item, description: '' })) }),
      )
    )
      setChosen([]);
  };

  return (
    <section className="vd-card vd-prep" data-testid={`prep-${visitor.visitorId}`}>
      <h2 className="vd-card__title">
        {visitor.name}（{visitor.relationshipLabel}）
      </h2>
      <OfficialDocumentsForm visitId={visitId} visitor={visitor} />
      <div className="vd-prep__row">
        <span className="vd-prep__label">{t('prepare.notice')}</span>
        {visitor.noticeAcknowledgedAt ? (
          <span className="vd-ok" data-testid="notice-done">
            {t('prepare.noticeDone', { time: hhmm(visitor.noticeAcknowledgedAt) })}
          </span>
        ) : (
          <button
            type="button"
            className="button button--primary vd__big"
            data-testid="ack-notice"
            onClick={() => void runStep(() => client.checkin.acknowledgeNotice({ visitId, documentNumber: doc }))}
          >
            {t('prepare.acknowledge')}
          </button>
        )}
      </div>
      <div className="vd-prep__row">
        <span className="vd-prep__label">{t('prepare.deposits')}</span>
        <div className="vd-prep__items" role="group" aria-label={t('prepare.choose')}>
          {ITEMS.map((i) => (
            <button
              key={i}
              type="button"
              aria-pressed={chosen.includes(i)}
              className={chosen.includes(i) ? 'vd-chip vd-chip--on' : 'vd-chip'}
              data-testid={`choose-${i}`}
              onClick={() => toggle(i)}
            >
              {t(`prepare.items.${i}`)}
            </button>
          ))}
          <button
            type="button"
            className="button vd__big"
            data-testid="declare"
            disabled={chosen.length === 0}
            onClick={() => void declare(chosen)}
          >
            {t('prepare.declare')}
          </button>
          {visitor.depositDeclaredAt === null && (
            <button type="button" className="button vd__big" data-testid="declare-none" onClick={() => void declare([])}>
              {t('prepare.nothing')}
            </button>
          )}
          <button
            type="button"
            className="button vd__big vd-danger"
            data-testid="refuse-deposit"
            onClick={() => void runStep(() => client.checkin.refuseDeposit({ visitId, documentNumber: doc }))}
          >
            {t('prepare.refuse')}
          </button>
        </div>
      </div>
      {visitor.depositRefusedAt && (
        <p className="vd-warn" data-testid="deposit-refused">
          {t('prepare.refused')}
        </p>
      )}
      {visitor.depositDeclaredAt && visitor.items.length === 0 && (
        <p className="vd-ok" data-testid="nothing-declared">
          {t('prepare.nothingDeclared')}
        </p>
      )}
      {visitor.items.length > 0 && (
        <ul className="vd-prep__list">
          {visitor.items.map((i) => (
            <li key={i.itemId} data-testid={`item-${i.itemId}`}>
              <span>
                {t(`prepare.items.${i.item}`)}
                {i.description ? `：${i.description}` : ''}
              </span>
              {i.depositedAt === null ? (
                <button
                  type="button"
                  className="button button--primary"
                  data-testid="mark-deposited"
                  onClick={() =>
                    void runStep(() => client.checkin.depositItem({ visitId, itemId: i.itemId, action: 'deposited' }))
                  }
                >
                  {t('prepare.markDeposited')}
                </button>
              ) : i.returnedAt === null ? (
                <>
                  <span className="vd-ok">{t('prepare.deposited', { time: hhmm(i.depositedAt) })}</span>
                  <button
                    type="button"
                    className="button"
                    data-testid="mark-returned"
                    onClick={() =>
                      void runStep(() => client.checkin.depositItem({ visitId, itemId: i.itemId, action: 'returned' }))
                    }
                  >
                    {t('prepare.markReturned')}
                  </button>
                </>
              ) : (
                <span className="vd-muted">{t('prepare.returned', { time: hhmm(i.returnedAt) })}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

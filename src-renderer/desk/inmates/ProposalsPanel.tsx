// R17.2: the suspension proposals prison terminals sent after terminating a visit under
// R17.1(6)–(9), waiting for the prison's decision. "处理" opens the inmate with the
// suspension form filled from the proposal; the decision is the clerk's (and the warden's).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SuspensionProposal } from '../../../src-shared/desk/suspension-proposal';
import { localDateTime } from '../../app/dates';
import { deskCall } from '../app/desk-call';
import { useDeskClient, useDeskTask } from '../app/desk-hooks';
import { RefusalNote } from '../app/RefusalNote';

export function ProposalsPanel({ onOpen }: { onOpen(proposal: SuspensionProposal): void }) {
  const { t } = useTranslation();
  const client = useDeskClient();
  const task = useDeskTask();
  const { run } = task;
  const [proposals, setProposals] = useState<SuspensionProposal[] | null>(null);

  useEffect(() => {
    void run(() => deskCall(client.desk.suspensionProposals({ status: 'open' }))).then((list) => list && setProposals(list));
  }, [client, run]);

  return (
    <div className="desk-proposals" data-testid="suspension-proposals">
      <h3>{t('desk.inmates.proposals.title')}</h3>
      <RefusalNote refusal={task.refusal} />
      {proposals && proposals.length === 0 && <p>{t('desk.inmates.proposals.none')}</p>}
      {proposals && proposals.length > 0 && (
        <ul className="desk-list">
          {proposals.map((p) => (
            <li key={`${p.terminalId}-${p.seq}`} data-testid="suspension-proposal">
              {t('desk.inmates.proposals.line', {
                inmate: `${p.inmateName}（${p.inmateNumber}）`,
                months: p.months,
                code: p.code ?? '',
                operator: p.operator,
                at: localDateTime(p.at),
              })}
              {p.note ? `：${p.note}` : ''}{' '}
              <button
                type="button"
                className="button button--quiet"
                data-testid="suspension-proposal-open"
                onClick={() => onOpen(p)}
              >
                {t('desk.inmates.proposals.open')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

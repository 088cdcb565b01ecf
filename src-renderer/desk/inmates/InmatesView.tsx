// Inmate status and suspensions (R15.1, R17.2), kept by prison staff, with history.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InmateRecord, InmateSummary } from '../../kiosk-types';
import { deskCall } from '../app/desk-call';
import { useDeskClient, useDeskTask } from '../app/desk-hooks';
import { RefusalNote } from '../app/RefusalNote';
import { chinaDate } from '../../../src-shared/calendar/china-time';
import { InmateForms } from './InmateForms';
import { InmateHistory } from './InmateHistory';
import { InmateAddress } from './InmateAddress';
import { InmateImport } from './InmateImport';
import { ProposalsPanel } from './ProposalsPanel';
import type { SuspensionProposal } from '../../../src-shared/desk/suspension-proposal';

export function InmatesView() {
  const { t } = useTranslation();
  const client = useDeskClient();
  const task = useDeskTask();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<InmateSummary[] | null>(null);
  const [inmate, setInmate] = useState<InmateRecord | null>(null);
  const [proposal, setProposal] = useState<SuspensionProposal | null>(null);

  const search = async () => {
    const q = query.trim();
    const byNumber = /\d/.test(q);
    const list = await task.run(() =>
      deskCall(client.desk.searchInmates({ ...(byNumber ? { inmateNumber: q } : { name: q }), limit: 50 })),
    );
    if (list) setFound(list);
  };
  const open = async (id: string, from: SuspensionProposal | null = null) => {
    const r = await task.run(() => deskCall(client.desk.inmate({ inmateId: id })));
    if (r) {
      setProposal(from);
      setInmate(r);
    }
  };
  const endPeriod = async (periodId: string) => {
    if (!inmate) return;
    const r = await task.run(() =>
      deskCall(client.desk.endStatusPeriod({ inmateId: inmate.id, periodId, end: chinaDate(new Date()) })),
    );
    if (r) setInmate(r);
  };

  return (
    <section className="card" data-testid="desk-inmates">
      <h2 className="card__title">{t('desk.inmates.title')}</h2>
      <div className="desk-row">
        <input
          data-testid="inmates-query"
          aria-label={t('desk.inmates.search')}
          placeholder={t('desk.inmates.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button type="button" className="button" data-testid="inmates-search" disabled={task.busy} onClick={() => void search()}>
          {t('desk.intake.find')}
        </button>
      </div>
      <RefusalNote refusal={task.refusal} />
      <InmateImport />
      <ProposalsPanel onOpen={(p) => void open(p.inmateId, p)} />
      {found && (
        <ul className="desk-list">
          {found.length === 0 && <li>{t('desk.intake.notFound')}</li>}
          {found.map((i) => (
            <li key={i.id}>
              <button type="button" className="button button--quiet" data-testid="inmate-open" onClick={() => void open(i.id)}>
                {i.name}（{i.inmateNumber}）
              </button>
            </li>
          ))}
        </ul>
      )}
      {inmate && (
        <div className="desk-inmate-record" data-testid="inmate-record">
          <h3>
            {inmate.name}（{inmate.inmateNumber}）
          </h3>
          <InmateAddress key={`address-${inmate.id}`} inmate={inmate} onDone={setInmate} />
          <InmateHistory inmate={inmate} onEndPeriod={(id) => void endPeriod(id)} />
          <InmateForms
            key={`${inmate.id}-${proposal?.seq ?? ''}`}
            inmate={inmate}
            onDone={setInmate}
            proposal={proposal?.inmateId === inmate.id ? proposal : null}
          />
        </div>
      )}
    </section>
  );
}

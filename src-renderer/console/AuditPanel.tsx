// The latest audit-log entries (admin.recentAudit), each kind in Chinese (audit-labels.ts;
// the raw code stays in the cell's tooltip for support). Main pushes no audit event, so the
// panel re-reads every few seconds, and on demand.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { auditLabel } from '../../src-shared/audit/audit-labels';
import { refreshAudit } from '../app/boot';
import { localDateTime } from '../app/dates';
import { useKiosk } from '../app/kiosk-context';
import { kioskStore } from '../store';
import { useRecentAudit } from '../store/hooks';

const AUDIT_REFRESH_MS = 10_000;

export function AuditPanel() {
  const { t } = useTranslation();
  const client = useKiosk();
  const entries = useRecentAudit() ?? [];
  const [stale, setStale] = useState(false);

  const refresh = () => {
    if (client) void refreshAudit(client, kioskStore).then((ok) => setStale(!ok));
  };

  useEffect(() => {
    if (!client) return;
    const id = window.setInterval(() => void refreshAudit(client, kioskStore).then((ok) => setStale(!ok)), AUDIT_REFRESH_MS);
    return () => window.clearInterval(id);
  }, [client]);

  return (
    <section
      className="card console__panel console__panel--fill"
      data-testid="console-audit"
      aria-labelledby="console-audit-title"
    >
      <div className="card__head">
        <h2 id="console-audit-title" className="card__title">
          {t('console.audit.title')}
        </h2>
        <button type="button" className="button" data-testid="console-audit-refresh" onClick={refresh}>
          {t('console.refresh')}
        </button>
      </div>
      {stale && (
        <p className="console__warn" role="status">
          {t('console.audit.stale')}
        </p>
      )}
      {entries.length === 0 ? (
        <p className="console__empty">{t('console.audit.empty')}</p>
      ) : (
        <div className="console__scroll" tabIndex={0} aria-labelledby="console-audit-title">
          <table className="console__table">
            <thead>
              <tr>
                <th scope="col">{t('console.audit.seq')}</th>
                <th scope="col">{t('console.audit.at')}</th>
                <th scope="col">{t('console.audit.kind')}</th>
                <th scope="col">{t('console.audit.hash')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.seq} data-testid="audit-row">
                  <td>{e.seq}</td>
                  <td>{localDateTime(e.at)}</td>
                  <td data-testid="audit-kind" data-kind={e.kind} title={e.kind}>
                    {auditLabel(e.kind)}
                  </td>
                  <td>
                    <code title={e.hash}>{e.hash.slice(0, 12)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

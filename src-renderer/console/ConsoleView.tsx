// The console's panels: this terminal, who is logged in, sync, the local store, the audit trail.
// Shown only while two administrators are logged in (ConsoleApp); it reads its records then.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { loadConsoleRecords } from '../app/boot';
import { useKiosk } from '../app/kiosk-context';
import { kioskStore } from '../store';
import { useSite } from '../store/hooks';
import { SupervisionPanel } from '../call/SupervisionPanel';
import { AuditPanel } from './AuditPanel';
import { RecordingProblemBanner } from './RecordingProblemBanner';
import { RecordingsPanel } from './RecordingsPanel';
import { SessionPanel } from './SessionPanel';
import { SitePanel } from './SitePanel';
import { StorePanel } from './StorePanel';
import { SyncPanel } from './SyncPanel';

export function ConsoleView() {
  const { t } = useTranslation();
  const site = useSite();
  const client = useKiosk();
  useEffect(() => {
    if (client) void loadConsoleRecords(client, kioskStore);
  }, [client]);
  return (
    <main className="console" data-testid="console-app">
      <header className="console__header">
        <h1 className="console__title">{t('console.title')}</h1>
        <p className="console__site" data-testid="console-site-name">
          {site ? `${site.siteName} · ${site.roomName}` : ''}
        </p>
      </header>
      <RecordingProblemBanner />
      <SupervisionPanel />
      <div className="console__grid">
        <SitePanel />
        <SessionPanel />
        <SyncPanel />
        <StorePanel />
        <RecordingsPanel />
      </div>
      <AuditPanel />
    </main>
  );
}

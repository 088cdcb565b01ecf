// The console's panels: this terminal, who is logged in, sync, the local store, the audit trail.
// Shown only while two administrators are logged in (ConsoleApp); it reads its records then.
import { useEffect } from 'react';
import { ConsoleHeader } from './ConsoleHeader';
import { loadConsoleRecords } from '../app/boot';
import { useKiosk } from '../app/kiosk-context';
import { kioskStore } from '../store';
import { SupervisionPanel } from '../call/SupervisionPanel';
import { AuditPanel } from './AuditPanel';
import { RecordingProblemBanner } from './RecordingProblemBanner';
import { RecordingsPanel } from './RecordingsPanel';
import { SessionPanel } from './SessionPanel';
import { SitePanel } from './SitePanel';
import { SpeechPanel } from './SpeechPanel';
import { StorePanel } from './StorePanel';
import { SyncPanel } from './SyncPanel';

export function ConsoleView() {
  const client = useKiosk();
  useEffect(() => {
    if (client) void loadConsoleRecords(client, kioskStore);
  }, [client]);
  return (
    <main className="console" data-testid="console-app">
      <ConsoleHeader />
      <RecordingProblemBanner />
      <SupervisionPanel />
      <div className="console__grid">
        <SitePanel />
        <SessionPanel />
        <SyncPanel />
        <StorePanel />
        <RecordingsPanel />
        <SpeechPanel />
      </div>
      <AuditPanel />
    </main>
  );
}

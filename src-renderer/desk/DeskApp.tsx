// Desk mode: the same app at a front desk. The clerk logs in to the central store
// (main keeps the token); then the views: what waits for me, intake, applications, visits,
// inmates (prisons), the prison's hours and limits (prisons, province), overview, the terminals (fleet) and,
// for the province, builds and rollouts. The print view shows only the sheets.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskView } from '../kiosk-types';
import { deskCall } from './app/desk-call';
import { deskActions, useDeskClient, useDeskStaff, useDeskView } from './app/desk-hooks';
import { ApplicationView } from './applications/ApplicationView';
import { ArrangementsView } from './arrangements/ArrangementsView';
import { ApplicationsView } from './applications/ApplicationsView';
import { IntakeView } from './intake/IntakeView';
import { InmatesView } from './inmates/InmatesView';
import { DeskLogin } from './login/DeskLogin';
import { LargeTypeToggle } from '../controls/LargeTypeToggle';
import { FleetView } from './fleet/FleetView';
import { managesUpdates, seesFleet } from './fleet/fleet-access';
import { TerminalView } from './fleet/TerminalView';
import { UpdatesView } from './fleet/UpdatesView';
import { OverviewView } from './overview/OverviewView';
import { MonitorView } from './monitor/MonitorView';
import { OBSERVER_ROLES } from '../../src-shared/signaling/observer-protocol';
import { PrintView } from './print/PrintView';
import { QueueView } from './queue/QueueView';
import { VisitsView } from './visits/VisitsView';
import { AccessAuditView } from './recordings/AccessAuditView';
import { RecordingPlayback } from './recordings/RecordingPlayback';
import { RecordingsView } from './recordings/RecordingsView';
import '../styles/desk.css';
import '../styles/desk-recordings.css';
import '../styles/desk-proofs.css';
import '../styles/desk-notifications.css';
import '../styles/desk-fleet.css';

const TABS: DeskView['name'][] = [
  'queue',
  'intake',
  'applications',
  'visits',
  'inmates',
  'arrangements',
  'overview',
  'monitor',
  'recordings',
  'fleet',
  'updates',
];
/** Who finds and plays recordings at the store (its own check decides; this only hides the tab). */
const RECORDING_ROLES = ['supervisor', 'administrator', 'warden'];

function CurrentView({ view }: { view: DeskView }) {
  switch (view.name) {
    case 'queue':
      return <QueueView />;
    case 'applications':
      return <ApplicationsView />;
    case 'intake':
      return <IntakeView />;
    case 'application':
      return <ApplicationView applicationId={view.applicationId} />;
    case 'print':
      return <PrintView applicationId={view.applicationId} what={view.what} />;
    case 'visits':
      return <VisitsView />;
    case 'inmates':
      return <InmatesView />;
    case 'overview':
      return <OverviewView />;
    case 'recordings':
      return <RecordingsView />;
    case 'recording':
      return <RecordingPlayback visitId={view.visitId} />;
    case 'recordingsAudit':
      return <AccessAuditView />;
    case 'fleet':
      return <FleetView />;
    case 'terminal':
      return <TerminalView terminalId={view.terminalId} />;
    case 'updates':
      return <UpdatesView />;
    case 'arrangements':
      return <ArrangementsView />;
    case 'monitor':
      return <MonitorView />;
  }
}

export function DeskApp() {
  const { t } = useTranslation();
  const client = useDeskClient();
  const staff = useDeskStaff();
  const view = useDeskView();

  // After login: the organisations the forms name (prisons, bureaus, offices).
  useEffect(() => {
    if (!staff) return;
    deskCall(client.desk.sites({}))
      .then((sites) => deskActions().setDeskSites(sites))
      .catch(() => deskActions().setDeskSites([]));
  }, [client, staff]);

  if (!staff) return <DeskLogin />;
  const observer = staff.roles.some((r) => (OBSERVER_ROLES as readonly string[]).includes(r));
  const kind = staff.organisation.kind;
  const tabs = TABS.filter(
    (name) =>
      (name !== 'inmates' || kind === 'prison') &&
      // A prison's own hours and limits: its staff and the province's (issue 25 item 5).
      (name !== 'arrangements' || kind === 'prison' || kind === 'province') &&
      (name !== 'recordings' || staff.roles.some((r) => RECORDING_ROLES.includes(r))) &&
      (name !== 'fleet' || seesFleet(staff)) &&
      (name !== 'updates' || managesUpdates(staff)) &&
      (name !== 'monitor' || observer),
  );
  if (view.name === 'print') return <CurrentView view={view} />;
  return (
    <div className="desk" data-testid="desk">
      <header className="desk__header">
        <div className="desk__who" data-testid="desk-who">
          <strong>{staff.organisation.name}</strong> · {staff.displayName}
        </div>
        <nav className="desk__tabs" aria-label={t('desk.nav.label')}>
          {tabs.map((name) => (
            <button
              key={name}
              type="button"
              className={`desk__tab${view.name === name || (name === 'fleet' && view.name === 'terminal') ? ' desk__tab--on' : ''}`}
              aria-current={view.name === name ? 'page' : undefined}
              data-testid={`desk-tab-${name}`}
              onClick={() => deskActions().openDeskView({ name } as DeskView)}
            >
              {t(`desk.nav.${name}`)}
            </button>
          ))}
        </nav>
        <LargeTypeToggle />
        <button
          type="button"
          className="button button--quiet"
          data-testid="desk-logout"
          onClick={() => {
            void client.desk.logout().finally(() => deskActions().setDeskStaff(null));
          }}
        >
          {t('desk.nav.logout')}
        </button>
      </header>
      <main className="desk__main">
        <CurrentView view={view} />
      </main>
    </div>
  );
}

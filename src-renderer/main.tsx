// Entry point. Finds window.kiosk (the preload's, or the e2e harness's) without assuming
// Electron; when it is missing the app still renders, and explains on the error screen.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { KioskContext } from './app/kiosk-context';
import { createI18n } from './i18n';
import { createKioskClient, findKiosk } from './kiosk-client';
import { Root } from './Root';
import './styles/base.css';
import './styles/controls.css';
import './styles/status.css';
import './styles/idle.css';
import './styles/console.css';
import './styles/visit-day.css';
import './styles/call.css';
import './styles/console-visit.css';

const kiosk = findKiosk();
const client = kiosk ? createKioskClient(kiosk) : null;
const i18n = createI18n();

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <KioskContext.Provider value={client}>
          <Root />
        </KioskContext.Provider>
      </I18nextProvider>
    </StrictMode>,
  );
}

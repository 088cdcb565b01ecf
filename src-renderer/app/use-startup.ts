// What both windows do around their screens: start up (again, after a retry) whenever
// the screen is 'starting', follow main's pushed events while mounted, and keep the
// document's language and title in the interface language.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { kioskStore } from '../store';
import { useDisplay, useScreen } from '../store/hooks';
import { boot, subscribeToMain, type WindowKind } from './boot';
import { localDate } from './dates';
import { useKiosk } from './kiosk-context';

export function useStartup(kind: WindowKind): void {
  const client = useKiosk();
  const { t, i18n } = useTranslation();
  const starting = useScreen().name === 'starting';
  const largeType = useDisplay().largeType;

  useEffect(() => {
    if (!starting) return;
    void boot(kind, {
      client,
      store: kioskStore,
      setLanguage: (language) => i18n.changeLanguage(language),
      today: localDate(new Date()),
    });
  }, [starting, kind, client, i18n]);

  useEffect(() => (client ? subscribeToMain(client, kioskStore, kind) : undefined), [client, kind]);

  useEffect(() => {
    document.documentElement.lang = i18n.language;
    document.title = t(kind === 'console' ? 'app.consoleTitle' : 'app.title');
  }, [i18n.language, kind, t]);

  // Issue #21: large type scales every rem of the window (styles/base.css, :root[data-type]).
  useEffect(() => {
    document.documentElement.dataset.type = largeType ? 'large' : 'normal';
  }, [largeType]);
}

// The visit window: one screen at a time, chosen by the store's screen state.
import { useEffect } from 'react';
import { useStartup } from './app/use-startup';
import { DeskApp } from './desk/DeskApp';
import { ScreenSwitch } from './screens/registry';
import type { ScreenName } from './store/screen-slice';
import { useScreen, useSite } from './store/hooks';

/**
 * Issue #21: the screens the visitors (and the inmate) read, from 2 m away: their type is set
 * larger (styles/base.css, :root[data-audience='visitor']); the administrators' screens stay denser.
 */
export const VISITOR_SCREENS: ReadonlySet<ScreenName> = new Set<ScreenName>(['idle', 'checkin', 'call']);

export function TerminalApp() {
  useStartup('terminal');
  const screen = useScreen();
  // A terminal configured as a desk shows the desk once started (siteInfo.mode).
  const desk = useSite()?.mode === 'desk' && screen.name !== 'starting' && screen.name !== 'startup-error';
  const audience = !desk && VISITOR_SCREENS.has(screen.name) ? 'visitor' : 'staff';
  useEffect(() => {
    document.documentElement.dataset.audience = audience;
  }, [audience]);
  return desk ? <DeskApp /> : <ScreenSwitch screen={screen} />;
}

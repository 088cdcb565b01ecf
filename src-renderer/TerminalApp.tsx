// The visit window: one screen at a time, chosen by the store's screen state.
import { useStartup } from './app/use-startup';
import { DeskApp } from './desk/DeskApp';
import { ScreenSwitch } from './screens/registry';
import { useScreen, useSite } from './store/hooks';

export function TerminalApp() {
  useStartup('terminal');
  const screen = useScreen();
  // A terminal configured as a desk shows the desk once started (siteInfo.mode).
  const desk = useSite()?.mode === 'desk' && screen.name !== 'starting' && screen.name !== 'startup-error';
  return desk ? <DeskApp /> : <ScreenSwitch screen={screen} />;
}

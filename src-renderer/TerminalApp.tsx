// The visit window: one screen at a time, chosen by the store's screen state.
import { useStartup } from './app/use-startup';
import { ScreenSwitch } from './screens/registry';
import { useScreen } from './store/hooks';

export function TerminalApp() {
  useStartup('terminal');
  return <ScreenSwitch screen={useScreen()} />;
}

// The supervision console (#/console): the second window on the administrators' monitor.
// Same store and start-up as the terminal; what it shows for each state is staff-facing.
// R25.1: only the login until two administrators are in, and again as soon as it locks.
import { useStartup } from '../app/use-startup';
import { StartingScreen } from '../screens/StartingScreen';
import { StartupErrorScreen } from '../screens/StartupErrorScreen';
import { useScreen, useSession } from '../store/hooks';
import { ConsoleLogin } from './ConsoleLogin';
import { ConsoleView } from './ConsoleView';

export function ConsoleApp() {
  useStartup('console');
  const screen = useScreen();
  const session = useSession();
  switch (screen.name) {
    case 'starting':
      return <StartingScreen />;
    case 'startup-error':
      return <StartupErrorScreen screen={screen} />;
    default:
      return session && !session.locked ? <ConsoleView /> : <ConsoleLogin />;
  }
}

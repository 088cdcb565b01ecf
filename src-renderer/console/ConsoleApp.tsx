// The supervision console (#/console): the second window on the administrators' monitor.
// Same store and start-up as the terminal; what it shows for each state is staff-facing.
import { useStartup } from '../app/use-startup';
import { StartingScreen } from '../screens/StartingScreen';
import { StartupErrorScreen } from '../screens/StartupErrorScreen';
import { useScreen } from '../store/hooks';
import { ConsoleView } from './ConsoleView';

export function ConsoleApp() {
  useStartup('console');
  const screen = useScreen();
  switch (screen.name) {
    case 'starting':
      return <StartingScreen />;
    case 'startup-error':
      return <StartupErrorScreen screen={screen} />;
    default:
      // No visit screens exist yet; later issues add live supervision per visit state here.
      return <ConsoleView />;
  }
}

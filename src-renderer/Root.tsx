// Picks the window's app from the URL hash: the terminal, or the supervision console.
import { ConsoleApp } from './console/ConsoleApp';
import { TerminalApp } from './TerminalApp';
import { useRoute } from './app/use-route';

export function Root() {
  return useRoute() === 'console' ? <ConsoleApp /> : <TerminalApp />;
}

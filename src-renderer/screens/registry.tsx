// Screen name → component. Typed so that a new member of Screen (store/screen-slice.ts)
// does not compile until it has a component here.
import type { ComponentType } from 'react';
import type { Screen, ScreenName } from '../store/screen-slice';
import { CallScreen } from '../call/CallScreen';
import { IdleScreen } from './IdleScreen';
import { StartingScreen } from './StartingScreen';
import { StartupErrorScreen } from './StartupErrorScreen';
import { CheckinScreen } from './visit-day/CheckinScreen';
import { EquipmentScreen } from './visit-day/EquipmentScreen';
import { LoginScreen } from './visit-day/LoginScreen';
import { PrepareScreen } from './visit-day/PrepareScreen';
import { ReadinessScreen } from './visit-day/ReadinessScreen';
import { VisitsScreen } from './visit-day/VisitsScreen';

export interface ScreenProps<N extends ScreenName> {
  screen: Extract<Screen, { name: N }>;
}

type ScreenComponents = { [N in ScreenName]: ComponentType<ScreenProps<N>> };

export const terminalScreens: ScreenComponents = {
  starting: StartingScreen,
  'startup-error': StartupErrorScreen,
  idle: IdleScreen,
  login: LoginScreen,
  visits: VisitsScreen,
  checkin: CheckinScreen,
  prepare: PrepareScreen,
  equipment: EquipmentScreen,
  readiness: ReadinessScreen,
  call: CallScreen,
};

export function ScreenSwitch({ screen }: { screen: Screen }) {
  // The map is indexed by the same name, so the props match; TypeScript cannot correlate them.
  const Component = terminalScreens[screen.name] as ComponentType<{ screen: Screen }>;
  return <Component screen={screen} />;
}

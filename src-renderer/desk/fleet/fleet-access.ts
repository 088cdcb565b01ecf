// Which fleet screens a clerk is shown. The store decides (its answer is what counts); these
// only keep tabs off the screen for clerks the store would refuse anyway: the fleet for
// administrators and supervisors, builds and rollouts for the province's administrators.
import type { DeskStaff } from '../../kiosk-types';

export const seesFleet = (staff: DeskStaff): boolean =>
  staff.roles.includes('administrator') || staff.roles.includes('supervisor');

export const managesUpdates = (staff: DeskStaff): boolean =>
  staff.organisation.kind === 'province' && staff.roles.includes('administrator');

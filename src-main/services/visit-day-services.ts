// The visit-day methods of auth.*, checkin.*, visit.* and device.*, over one
// VisitDay runtime per terminal. create-services.ts merges them into the namespaces.
import type { KioskServices } from '../../src-shared/ipc/types';
import type { VisitDay } from '../visit-day/visit-day';

type Pick2<N extends keyof KioskServices, K extends keyof KioskServices[N]> = Pick<KioskServices[N], K>;

export const visitDayAuth = (day: VisitDay): Pick2<'auth', 'login' | 'logout' | 'lock' | 'activity'> => ({
  login: ({ username, password }) => day.login(username, password),
  logout: ({ staffId }) => day.logout(staffId),
  lock: () => day.lock(),
  activity: () => day.activity(),
});

export const visitDayCheckin = (
  day: VisitDay,
): Pick2<'checkin', 'roster' | 'readCard' | 'manual' | 'interpreter' | 'acknowledgeNotice' | 'declareDeposits' | 'depositItem' | 'refuseDeposit'
  | 'inmateInPosition' | 'checkDocuments' | 'outstandingReturns'> => ({
  roster: ({ visitId }) => day.roster(visitId),
  readCard: ({ visitId }) => day.readCard(visitId),
  manual: ({ visitId, entry }) => day.manualCheckin(visitId, entry),
  interpreter: ({ visitId, ...input }) => day.interpreter(visitId, input),
  acknowledgeNotice: ({ visitId, documentNumber }) => day.acknowledgeNotice(visitId, documentNumber),
  declareDeposits: ({ visitId, documentNumber, items }) => day.declareDeposits(visitId, documentNumber, items),
  depositItem: ({ visitId, itemId, action }) => day.depositItem(visitId, itemId, action),
  refuseDeposit: ({ visitId, documentNumber }) => day.refuseDeposit(visitId, documentNumber),
  inmateInPosition: ({ visitId }) => day.inmateInPosition(visitId),
  checkDocuments: ({ visitId, ...presented }) => day.checkDocuments(visitId, presented),
  outstandingReturns: () => day.outstandingReturns(),
});

export const visitDayVisit = (day: VisitDay): Pick2<'visit', 'today' | 'readiness'> => ({
  today: () => day.today(),
  readiness: ({ visitId }) => day.readiness(visitId),
});

export const visitDayDevice = (day: VisitDay): Pick2<'device', 'equipmentCheck'> => ({
  equipmentCheck: ({ visitId, ...results }) => day.equipmentCheck(visitId, results),
});

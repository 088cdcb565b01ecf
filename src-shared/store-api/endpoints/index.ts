// Every endpoint of the central store's API, by area: the one list the store's routes
// register from (src-server/areas/*/routes.ts) and the terminal calls through
// (src-main/central-store/). Not here: the tus protocol at /api/uploads (@tus/server
// speaks it), the signaling WebSocket at /api/signal/:visitId, the OpenAPI pages at
// /api/docs, the load balancer's /health and /ready, and a recording's media at
// /api/recordings/media/:ticket (bytes with Range, reached by a ticket from recordingsSearch.ticket).
import type { StoreEndpoint } from '../endpoint';
import { applicationEndpoints } from './applications';
import { arrangementEndpoints } from './arrangements';
import { auditEndpoints } from './audit';
import { authEndpoints } from './auth';
import { calendarEndpoints } from './calendar';
import { fleetEndpoints } from './fleet';
import { inmateEndpoints } from './inmates';
import { logEndpoints } from './logs';
import { monitorEndpoints } from './monitor';
import { notificationEndpoints } from './notifications';
import { organisationEndpoints } from './organisations';
import { overviewEndpoints } from './overview';
import { proofEndpoints } from './proofs';
import { publicStatusEndpoints } from './public-status';
import { recordingEndpoints } from './recordings';
import { recordingSearchEndpoints } from './recordings-search';
import { staffEndpoints } from './staff';
import { syncEndpoints } from './sync';
import { terminalEndpoints } from './terminals';
import { updateEndpoints } from './updates';
import { visitEndpoints } from './visits';
import { visitorEndpoints } from './visitors';

export {
  applicationEndpoints,
  arrangementEndpoints,
  auditEndpoints,
  authEndpoints,
  calendarEndpoints,
  inmateEndpoints,
  organisationEndpoints,
  overviewEndpoints,
};
export { fleetEndpoints, logEndpoints, monitorEndpoints, notificationEndpoints, proofEndpoints, publicStatusEndpoints };
export {
  recordingEndpoints,
  recordingSearchEndpoints,
  staffEndpoints,
  syncEndpoints,
  terminalEndpoints,
  updateEndpoints,
  visitEndpoints,
  visitorEndpoints,
};

export const storeEndpoints = {
  applications: applicationEndpoints,
  arrangements: arrangementEndpoints,
  audit: auditEndpoints,
  auth: authEndpoints,
  calendar: calendarEndpoints,
  fleet: fleetEndpoints,
  inmates: inmateEndpoints,
  logs: logEndpoints,
  monitor: monitorEndpoints,
  notifications: notificationEndpoints,
  organisations: organisationEndpoints,
  overview: overviewEndpoints,
  proofs: proofEndpoints,
  publicStatus: publicStatusEndpoints,
  recordings: recordingEndpoints,
  recordingsSearch: recordingSearchEndpoints,
  staff: staffEndpoints,
  sync: syncEndpoints,
  terminals: terminalEndpoints,
  updates: updateEndpoints,
  visits: visitEndpoints,
  visitors: visitorEndpoints,
} as const satisfies Record<string, Record<string, StoreEndpoint>>;

/** Every declared endpoint, named 'area.name'. */
export const declaredEndpoints: readonly { readonly name: string; readonly endpoint: StoreEndpoint }[] = Object.entries(
  storeEndpoints,
).flatMap(([area, endpoints]) =>
  Object.entries(endpoints).map(([name, endpoint]: [string, StoreEndpoint]) => ({ name: `${area}.${name}`, endpoint })),
);

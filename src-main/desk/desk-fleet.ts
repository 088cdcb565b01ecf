// desk.fleet*, desk.*LogBundle*, desk.update*/createRollout (issue 18): relayed to the central
// store's fleet, terminal-logs and updates areas with the clerk's token. The store scopes and
// decides (a bureau's clerk sees its own terminals; only the province's administrators roll
// out), so these only map the desk's arguments onto the declared endpoints.
import type { KioskServices } from '../../src-shared/ipc/types';
import type { DeskOutcome } from '../../src-shared/desk/outcome';
import type { EndpointAnswer, EndpointInput, StoreEndpoint } from '../../src-shared/store-api/endpoint';
import { fleetEndpoints } from '../../src-shared/store-api/endpoints/fleet';
import { logEndpoints } from '../../src-shared/store-api/endpoints/logs';
import { updateEndpoints } from '../../src-shared/store-api/endpoints/updates';

type Desk = KioskServices['desk'];
type FleetMethods = Pick<
  Desk,
  | 'fleetTerminals'
  | 'fleetHistory'
  | 'fleetCsv'
  | 'requestLogBundle'
  | 'logBundles'
  | 'downloadLogBundle'
  | 'updateBuilds'
  | 'updateRollouts'
  | 'createRollout'
>;

export interface DeskStoreCalls {
  /** A JSON endpoint with the clerk's token (NOT_LOGGED_IN without one). */
  call<E extends StoreEndpoint>(endpoint: E, input: EndpointInput<E>): Promise<DeskOutcome<EndpointAnswer<E>>>;
  /** A text endpoint (CSV) with the clerk's token: its text and the file name the store suggests. */
  callText<E extends StoreEndpoint>(
    endpoint: E,
    input: EndpointInput<E>,
  ): Promise<DeskOutcome<{ text: string; filename: string | null }>>;
}

/** Log requests listed per terminal: a terminal has a handful, never more than a page. */
const LOG_REQUESTS_PAGE = 50;

export function createDeskFleetMethods(store: DeskStoreCalls, today: () => string): FleetMethods {
  const roomQuery = (roomId: string | undefined) => (roomId === undefined ? {} : { roomId });
  return {
    fleetTerminals: ({ roomId }) => store.call(fleetEndpoints.list, { query: roomQuery(roomId) }),
    fleetHistory: ({ terminalId, days }) =>
      store.call(fleetEndpoints.history, { params: { id: terminalId }, query: days === undefined ? {} : { days } }),
    async fleetCsv({ roomId }) {
      const answer = await store.callText(fleetEndpoints.csv, { query: roomQuery(roomId) });
      if (!answer.accepted) return answer;
      return { accepted: true, value: { filename: answer.value.filename ?? `终端状态_${today()}.csv`, csv: answer.value.text } };
    },
    requestLogBundle: ({ terminalId }) => store.call(logEndpoints.request, { body: { terminalId } }),
    logBundles: ({ terminalId }) => store.call(logEndpoints.list, { query: { terminalId, limit: LOG_REQUESTS_PAGE } }),
    downloadLogBundle: ({ requestId }) => store.call(logEndpoints.download, { params: { id: requestId } }),
    updateBuilds: ({ limit }) => store.call(updateEndpoints.listBuilds, { query: limit === undefined ? {} : { limit } }),
    updateRollouts: ({ limit }) => store.call(updateEndpoints.listRollouts, { query: limit === undefined ? {} : { limit } }),
    createRollout: (body) => store.call(updateEndpoints.createRollout, { body }),
  };
}

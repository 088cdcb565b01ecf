// desk.recordings*: the store's recordings relayed with the clerk's token (issue #19 item 3).
// A ticket's store path (/api/recordings/media/<ticket>) becomes the renderer's same-origin
// path (STORE_MEDIA_PREFIX), which ./store-media.ts passes on to the store.
import type { DeskOutcome } from '../../src-shared/desk/outcome';
import { STORE_MEDIA_PREFIX } from '../../src-shared/ipc/desk-recordings-contract';
import type { KioskServices } from '../../src-shared/ipc/types';
import type { EndpointAnswer, EndpointInput, StoreEndpoint } from '../../src-shared/store-api/endpoint';
import {
  RECORDING_MEDIA_PREFIX,
  recordingSearchEndpoints as endpoints,
} from '../../src-shared/store-api/endpoints/recordings-search';

type Desk = KioskServices['desk'];
type Methods = Pick<Desk, 'recordingsSearch' | 'recordingVisit' | 'recordingTicket' | 'recordingHold' | 'recordingAccessAudit'>;
export type DeskStoreCall = <E extends StoreEndpoint>(
  endpoint: E,
  input: EndpointInput<E>,
) => Promise<DeskOutcome<EndpointAnswer<E>>>;

export function deskRecordings(call: DeskStoreCall): Methods {
  return {
    recordingsSearch: ({ hasWarnings, ...args }) =>
      call(endpoints.search, { query: { ...args, ...(hasWarnings ? { hasWarnings: 'true' as const } : {}) } }),
    recordingVisit: ({ visitId }) => call(endpoints.visit, { params: { visitId } }),
    async recordingTicket({ uploadId, purpose }) {
      const answer = await call(endpoints.ticket, { params: { uploadId }, body: { purpose } });
      if (!answer.accepted) return answer;
      const ticket = answer.value.path.startsWith(RECORDING_MEDIA_PREFIX)
        ? answer.value.path.slice(RECORDING_MEDIA_PREFIX.length)
        : '';
      return { accepted: true, value: { ...answer.value, path: `${STORE_MEDIA_PREFIX}${ticket}` } };
    },
    recordingHold: ({ visitId, held, reason }) => call(endpoints.hold, { params: { visitId }, body: { held, reason } }),
    recordingAccessAudit: (query) => call(endpoints.accessAudit, { query }),
  };
}

// desk.notifications / resendNotification: an application's text messages to the family,
// relayed to the store with the clerk's token (issue #25 item 8; R8.4, R9.2).
import type { KioskServices } from '../../src-shared/ipc/types';
import { notificationEndpoints as endpoints } from '../../src-shared/store-api/endpoints/notifications';
import type { DeskStoreCall } from './desk-recordings';

type Methods = Pick<KioskServices['desk'], 'notifications' | 'resendNotification'>;

export function deskNotifications(call: DeskStoreCall): Methods {
  return {
    notifications: ({ applicationId }) => call(endpoints.list, { params: { id: applicationId } }),
    resendNotification: ({ applicationId, phone }) => call(endpoints.resend, { params: { id: applicationId }, body: { phone } }),
  };
}

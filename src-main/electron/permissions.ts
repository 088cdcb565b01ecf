// Permission decisions for the session. Default deny: only camera and microphone, only
// for our own origin, only in the top frame. Screen capture is never granted.
import type { DevicePermissionHandlerHandlerDetails, PermissionCheckHandlerHandlerDetails, Session } from 'electron';
import { isAllowedOrigin } from './origin';

type RequestHandler = Parameters<Session['setPermissionRequestHandler']>[0];
type CheckHandler = Parameters<Session['setPermissionCheckHandler']>[0];
export type RequestedPermission = Parameters<NonNullable<RequestHandler>>[1];
export type CheckedPermission = Parameters<NonNullable<CheckHandler>>[1];

/** The fields of a permission request that the decision reads. */
export interface PermissionRequestFacts {
  isMainFrame: boolean;
  requestingUrl: string;
  /** For 'media' requests: what is asked for ('video' | 'audio'). */
  mediaTypes?: readonly string[];
}

const CAMERA_AND_MIC = new Set(['video', 'audio']);

/** setPermissionRequestHandler: grant 'media' (camera/mic) to our top frame only. */
export function decidePermissionRequest(
  permission: RequestedPermission | string,
  facts: PermissionRequestFacts,
  allowedOrigins: readonly string[],
): boolean {
  if (permission !== 'media') return false;
  if (!facts.isMainFrame || !isAllowedOrigin(facts.requestingUrl, allowedOrigins)) return false;
  const types = facts.mediaTypes ?? [];
  // An empty list is not "camera or microphone"; anything else (e.g. desktop capture) is refused.
  return types.length > 0 && types.every((t) => CAMERA_AND_MIC.has(t));
}

/** setPermissionCheckHandler: the synchronous "is it granted?" question, same rule. */
export function decidePermissionCheck(
  permission: CheckedPermission | string,
  requestingOrigin: string,
  details: Pick<PermissionCheckHandlerHandlerDetails, 'isMainFrame' | 'mediaType' | 'embeddingOrigin' | 'securityOrigin'>,
  allowedOrigins: readonly string[],
): boolean {
  if (permission !== 'media') return false;
  // A cross-origin subframe reports its embedder; we embed nothing, so any is foreign.
  if (!details.isMainFrame || details.embeddingOrigin) return false;
  if (!isAllowedOrigin(requestingOrigin, allowedOrigins)) return false;
  if (details.securityOrigin !== undefined && !isAllowedOrigin(details.securityOrigin, allowedOrigins)) return false;
  // enumerateDevices asks with 'unknown'; the renderer needs it to pick the camera.
  return (
    details.mediaType === undefined ||
    details.mediaType === 'video' ||
    details.mediaType === 'audio' ||
    details.mediaType === 'unknown'
  );
}

/** WebHID/WebSerial/WebUSB: never. The ID card reader is driven from main, not the page. */
export function decideDevicePermission(_details: Pick<DevicePermissionHandlerHandlerDetails, 'deviceType' | 'origin'>): boolean {
  return false;
}

/** Installs the handlers on a session (the only part that touches Electron objects). */
export function installPermissionHandlers(session: Session, allowedOrigins: readonly string[]): void {
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(
      decidePermissionRequest(
        permission,
        { isMainFrame: details.isMainFrame, requestingUrl: details.requestingUrl, mediaTypes },
        allowedOrigins,
      ),
    );
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) =>
    decidePermissionCheck(permission, requestingOrigin, details, allowedOrigins),
  );
  session.setDevicePermissionHandler((details) => decideDevicePermission(details));
  // getDisplayMedia: no handler granting a source means the request is refused.
  session.setDisplayMediaRequestHandler(null);
  session.setBluetoothPairingHandler(null);
  // Device choosers: cancel outright (the device handler already refuses access).
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  session.on('select-serial-port', (event, _ports, _webContents, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
}

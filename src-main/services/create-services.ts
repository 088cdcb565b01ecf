// Assembles every namespace of the IPC contract from plain service objects. `satisfies`
// makes a method missing from here a compile error.
import type { KioskServices } from '../../src-shared/ipc/types';
import { createAdminService } from './admin-service';
import { createAuthService } from './auth-service';
import { createCheckinService } from './checkin-service';
import type { ServiceContext } from './context';
import { createDeviceService } from './device-service';
import { createRecordingService } from './recording-service';
import { createSyncService } from './sync-service';
import { createVisitService } from './visit-service';

export function createServices(ctx: ServiceContext): KioskServices {
  return {
    auth: createAuthService(ctx),
    checkin: createCheckinService(ctx),
    visit: createVisitService(ctx),
    recording: createRecordingService(ctx),
    sync: createSyncService(ctx),
    device: createDeviceService(ctx),
    admin: createAdminService(ctx),
  } satisfies KioskServices;
}

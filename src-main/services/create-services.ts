// Assembles every namespace of the IPC contract from plain service objects. `satisfies`
// makes a method missing from here a compile error.
import type { KioskServices } from '../../src-shared/ipc/types';
import { createAdminService } from './admin-service';
import { createAuthService } from './auth-service';
import { createCallService } from './call-service';
import { createCheckinService } from './checkin-service';
import type { ServiceContext } from './context';
import { createDeviceService } from './device-service';
import { createDeskService } from '../desk/desk-service';
import { createRecordingService } from './recording-service';
import { createSyncService } from './sync-service';
import { createVisitService } from './visit-service';
import { visitDayAuth, visitDayCheckin, visitDayDevice, visitDayVisit } from './visit-day-services';
import { createVisitDay, type VisitDay } from '../visit-day/visit-day';
import type { DeskSessionHolder } from '../desk/desk-session';

/** Runtimes the terminal shares with its access gate (made here when not given). */
export interface ServiceParts {
  readonly day?: VisitDay;
  readonly deskSession?: DeskSessionHolder;
}

export function createServices(ctx: ServiceContext, parts: ServiceParts = {}): KioskServices {
  const day = parts.day ?? createVisitDay(ctx);
  return {
    auth: { ...createAuthService(ctx), ...visitDayAuth(day) },
    checkin: { ...createCheckinService(ctx), ...visitDayCheckin(day) },
    visit: { ...createVisitService(ctx), ...visitDayVisit(day) },
    recording: createRecordingService(ctx),
    sync: createSyncService(ctx),
    device: { ...createDeviceService(ctx), ...visitDayDevice(day) },
    admin: createAdminService(ctx),
    call: createCallService(ctx),
    // Desk mode (src-main/desk): the clerk's requests to the central store.
    desk: createDeskService(ctx, { ...(ctx.pdf ? { pdf: ctx.pdf } : {}), ...(parts.deskSession ? { session: parts.deskSession } : {}) }),
  } satisfies KioskServices;
}

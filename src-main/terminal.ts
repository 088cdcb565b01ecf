// Opens a terminal's main side: configuration → local store → runtimes → services, plus the
// event hub that pushes to the renderer. The one place a terminal is assembled: the Electron
// shell, the e2e harness, the demo and the tests all call this, so they run the same code.
import { join } from 'node:path';
import packageJson from '../package.json';
import { appendAudit } from './audit/audit-log';
import { loadTerminalConfig } from './config/load';
import { withDataDir } from './config/data-dir-override';
import { createAdminSessionState } from './visit-day/admin-session';
import { assembleServices } from './assemble';
import { createSyncWorker } from './sync/worker';
import { createEventHub } from './event-hub';
import { openStore } from './store/open-store';
import { ensurePrivateDir, restrictUmask } from './store/private-files';
import { createRecordingManager, ffmpegLocateOptions } from './recording';
import { CallRuntime } from './call/call-runtime';
import { readiness } from './visit-day/readiness';
import type { OpenTerminalOptions, Terminal } from './terminal-types';
import { createAccessGate } from './ipc/access-gate';
import { DeskSessionHolder } from './desk/desk-session';
import { getRecording } from './recording/recorder-db';
import { readCredential } from './sync/credential';
import { createVisitDay } from './visit-day/visit-day';
import { stderrLogger } from './log/logger';
import { keepRecentErrors } from './log/recent-errors';
import { createStoreClock } from './clock/store-clock';
import { createFleetReporter } from './fleet/fleet-reporter';

export const STORE_FILE_NAME = 'terminal.db';

export async function openTerminal(options: OpenTerminalOptions): Promise<Terminal> {
  const now = options.now ?? (() => new Date());
  const { logger, recent } = keepRecentErrors(options.logger ?? stderrLogger, now);
  const config = withDataDir(loadTerminalConfig(options.configPath), options.dataDir);
  // Owner-only on POSIX: the database, the recordings (ffmpeg inherits the umask), the logs.
  restrictUmask();
  const tightenedDirs = [config.dataDir, config.recordingDir].filter((dir) => ensurePrivateDir(dir));
  const store = openStore({ path: join(config.dataDir, STORE_FILE_NAME), now, nativeBinding: options.sqliteNativeBinding });
  const { db, health } = store;
  const tightened = [...tightenedDirs, ...health.tightened];
  const appVersion = packageJson.version;

  try {
    // R26.1: every start is on the record, including a store that had to be recovered.
    appendAudit(db, config.terminalId, {
      kind: 'terminal.started',
      payload: {
        appVersion,
        siteId: config.site.id,
        roomId: config.room.id,
        schemaVersion: health.schemaVersion,
        storeIntegrity: health.integrity,
        movedAsideTo: health.movedAsideTo,
        problem: health.problem,
        // An older install's folders and files that others could read, made owner-only now.
        ...(tightened.length > 0 ? { permissionsTightened: tightened } : {}),
      },
    }, now());
  } catch (error) {
    store.close();
    throw error;
  }

  const hub = createEventHub((error) => logger.error('事件监听器出错', { area: 'terminal', error }));
  const session = createAdminSessionState((s) => hub.emit('auth.session', s));
  // R13.1: one recording runtime per terminal; recordings a crash left open are
  // sealed and marked interrupted in the background at every start (start() waits for it).
  const recordings = createRecordingManager({
    db,
    terminalId: config.terminalId,
    dataDir: config.dataDir,
    recordingDir: config.recordingDir,
    now,
    logger: logger.child({ area: 'recording' }),
    emit: (event, payload) => hub.emit(event, payload),
    actor: () => session.snapshot().admins.map((a) => a.staffId).join('+'),
    locate: ffmpegLocateOptions(config, options.resourcesPath),
    ...options.recording,
  });
  const recovery = recordings.recover();
  // Hands audit chain, recordings and pulls to/from the central store in the background.
  const { autoStart: syncAutoStart = true, ...syncOptions } = options.sync ?? {};
  const sync = createSyncWorker({ db, config, now, ...syncOptions, onStatus: (status) => hub.emit('sync.status', status) });
  // The visit calls; main owns the signaling socket (the renderer holds no credential).
  // Unless a test supplies one, the signaling token comes from the terminal's enrolment credential.
  const callOptions = { signaling: () => sync.signalingEndpoint(), ...options.call };
  const calls = new CallRuntime({
    db,
    config,
    session,
    now,
    logger: logger.child({ area: 'call' }),
    readiness: (visitId) => readiness(db, visitId, session.snapshot()),
    emitState: (state) => hub.emit('call.state', state),
    emitSignal: (signal) => hub.emit('call.signal', signal),
    options: callOptions,
  });
  const day = createVisitDay({ db, config, session, now, recordings }, logger.child({ area: 'visit-day' }));
  const deskSession = new DeskSessionHolder();
  const services = assembleServices({
    db, config, storeHealth: health, session, appVersion, now, recordings, calls, sync, day, deskSession, pdf: options.pdf ?? null,
  });
  // R25.1: the facts the dispatcher's access check reads, fresh at every call.
  const access = createAccessGate({
    session: () => {
      day.lockIfIdle();
      return session.snapshot();
    },
    liveCallVisit: () => {
      const call = calls.current();
      return call && call.phase !== 'ended' ? call.visitId : null;
    },
    recordingOpen: (recordingId) => getRecording(db, recordingId)?.state === 'recording',
    enrolled: () => readCredential(config.dataDir) !== null,
    deskClerk: () => deskSession.get() !== null,
  });
  if (syncAutoStart) sync.start();
  // The heartbeat to the store (version, disk, devices, clock, backlog), on the sync credential.
  const { autoStart: fleetAutoStart = true, ...fleetOptions } = options.fleet ?? {};
  const heartbeat = createFleetReporter({ db, config, now, logger: logger.child({ area: 'fleet' }), recent, storeClock: createStoreClock(now), syncState: () => sync.state }, { cardReader: () => day.cardReaderCheck(), ...fleetOptions });
  const unsubscribeHeartbeat = hub.subscribe(() => heartbeat.stateChanged());
  if (fleetAutoStart) heartbeat.start();

  let open = true;
  return {
    services,
    access,
    onEvent: (listener) => hub.subscribe(listener),
    recordings,
    recovery,
    sync,
    heartbeat,
    close() {
      if (!open) return;
      open = false;
      calls.stop();
      unsubscribeHeartbeat();
      heartbeat.stop();
      void sync.stop();
      try {
        // A start without a matching stop in the log marks a crash or power cut.
        appendAudit(db, config.terminalId, { kind: 'terminal.stopped' }, now());
      } finally {
        store.close();
      }
    },
  };
}

// Opens a terminal's main side: configuration → local store → runtimes → services, plus the
// event hub that pushes to the renderer. The one place a terminal is assembled: the Electron
// shell, the e2e harness, the demo and the tests all call this, so they run the same code.
import { join } from 'node:path';
import packageJson from '../package.json';
import { appendAudit } from './audit/audit-log';
import { loadTerminalConfig } from './config/load';
import { withDataDir } from './config/data-dir-override';
import { logLimitsOf } from './config/schema';
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
import { createStoreClock } from './clock/store-clock';
import { watchStoreClock } from './clock/clock-watch';
import { DEFAULT_CLOCK_LIMIT_SECONDS } from './clock/clock-policy';
import { createUpdateHost } from './updates/update-host';
import { keepRecentErrors } from './log/recent-errors';
import { createFleetReporter } from './fleet/fleet-reporter';

export const STORE_FILE_NAME = 'terminal.db';

export async function openTerminal(options: OpenTerminalOptions): Promise<Terminal> {
  const localNow = options.now ?? (() => new Date());
  // One clock for decisions and records alike: once an exchange with the central store measured
  // the offset, the working day, the 30-minute rule, the countdown and every timestamp written
  // (audit entries included) use the store's time, so the terminal and the store agree on each
  // visit and one audit chain never mixes two clocks. The raw offset is audited when it first
  // exceeds 2 s (clock.offset, R26.1), so what the local clock said stays reconstructible.
  const storeClock = createStoreClock(localNow);
  const now = storeClock.now;
  const { logger, recent } = keepRecentErrors(options.logger ?? stderrLogger, now);
  const config = withDataDir(loadTerminalConfig(options.configPath), options.dataDir);
  options.logFiles?.configure(logLimitsOf(config));
  // Owner-only on POSIX: the database, the recordings (ffmpeg inherits the umask), the logs.
  restrictUmask();
  const tightenedDirs = [config.dataDir, config.recordingDir].filter((dir) => ensurePrivateDir(dir));
  const store = openStore({ path: join(config.dataDir, STORE_FILE_NAME), now, nativeBinding: options.sqliteNativeBinding });
  const { db, health } = store;
  const tightened = [...tightenedDirs, ...health.tightened];
  const appVersion = packageJson.version;

  try {
    // R26.1: every start is on the record, including a store that had to be recovered.
    appendAudit(
      db,
      config.terminalId,
      {
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
      },
      now(),
    );
  } catch (error) {
    store.close();
    throw error;
  }

  const hub = createEventHub((error) => logger.error('事件监听器出错', { area: 'terminal', error }));
  const session = createAdminSessionState((s) => hub.emit('auth.session', s));
  const clock = watchStoreClock({
    clock: storeClock,
    localNow,
    limitMs: (config.clockLimitSeconds ?? DEFAULT_CLOCK_LIMIT_SECONDS) * 1000,
    logger: logger.child({ area: 'clock' }),
    audit: (payload) => appendAudit(db, config.terminalId, { kind: 'clock.offset', payload }, now()),
    changed: () => hub.emit('sync.status', sync.status()),
  });
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
    actor: () =>
      session
        .snapshot()
        .admins.map((a) => a.staffId)
        .join('+'),
    locate: ffmpegLocateOptions(config, options.resourcesPath),
    ...options.recording,
  });
  const recovery = recordings.recover();
  // Hands audit chain, recordings and pulls to/from the central store in the background.
  const { autoStart: syncAutoStart = true, ...syncOptions } = options.sync ?? {};
  // The sync round's answers measure the clock (unless a test moves this terminal's clock alone).
  const sync = createSyncWorker({
    db,
    config,
    now,
    clockStatus: clock.status,
    ...(options.storeClock === false ? {} : { onClockSample: clock.reading }),
    logDir: options.logFiles?.dir ?? null,
    ...syncOptions,
    onStatus: (status) => hub.emit('sync.status', status),
  });
  // The visit calls; main owns the signaling socket (the renderer holds no credential).
  // Unless a test supplies one, the signaling token comes from the terminal's enrolment credential.
  const callOptions = { signaling: () => sync.signalingEndpoint(), ...options.call };
  const calls = new CallRuntime({
    db,
    config,
    session,
    now,
    logger: logger.child({ area: 'call' }),
    readiness: (visitId) => readiness(db, visitId, session.snapshot(), clock.refusal()),
    emitState: (state) => hub.emit('call.state', state),
    emitSignal: (signal) => hub.emit('call.signal', signal),
    emitObserverSignal: (signal) => hub.emit('call.observerSignal', signal),
    options: callOptions,
  });
  const day = createVisitDay(
    { db, config, session, now, recordings, clockRefusal: clock.refusal },
    logger.child({ area: 'visit-day' }),
  );
  const deskSession = new DeskSessionHolder();
  const services = assembleServices({
    db,
    config,
    storeHealth: health,
    session,
    appVersion,
    now,
    recordings,
    calls,
    relayFeed: (m) => hub.emit('call.feed', m),
    sync,
    day,
    deskSession,
    pdf: options.pdf ?? null,
    observed: (event) => hub.emit('desk.observer', event),
    displayChanged: (settings) => hub.emit('display.settings', settings),
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
  // What the Electron updater reads: the feed, a fresh credential, and whether a visit is near.
  const updates = createUpdateHost({
    db,
    config,
    appVersion,
    now,
    token: async () => (await sync.signalingEndpoint())?.token ?? null,
    liveCall: () => (calls.current()?.phase ?? 'ended') !== 'ended',
  });
  if (syncAutoStart) sync.start();
  // The heartbeat to the store (version, disk, devices, clock, backlog), on the sync credential.
  const { autoStart: fleetAutoStart = true, ...fleetOptions } = options.fleet ?? {};
  const heartbeat = createFleetReporter(
    {
      db,
      config,
      // The heartbeat measures the local clock's own offset (what the fleet page alerts on), so it runs
      // on the uncorrected clock; its readings feed the one store clock through the clock watch.
      now: localNow,
      logger: logger.child({ area: 'fleet' }),
      recent,
      storeClock: {
        record: (s) => {
          if (options.storeClock !== false)
            clock.reading({ storeTimeMs: s.at.getTime() - s.rttMs / 2 + s.offsetMs, rttMs: s.rttMs });
        },
        offsetMs: () => storeClock.offsetMs(),
        now: storeClock.now,
      },
      syncState: () => sync.state,
    },
    { cardReader: () => day.cardReaderCheck(), ...fleetOptions },
  );
  const unsubscribeHeartbeat = hub.subscribe(() => heartbeat.stateChanged());
  if (fleetAutoStart) heartbeat.start();

  let open = true;
  return {
    services,
    access,
    centralStoreUrl: config.centralStoreUrl,
    onEvent: (listener) => hub.subscribe(listener),
    recordings,
    recovery,
    sync,
    updates,
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

// Opens a terminal's main side: configuration → local store → services, plus the event
// hub that pushes to the renderer. The Electron shell, the e2e harness and the demo all
// call this, so they run exactly the same code.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import packageJson from '../package.json';
import { appendAudit } from './audit/audit-log';
import { loadTerminalConfig } from './config/load';
import { withDataDir } from './config/data-dir-override';
import { createAdminSessionState } from './services/admin-session';
import { createServices } from './services/create-services';
import { createEventHub } from './services/event-hub';
import { openStore } from './store/open-store';
import type { OpenTerminalOptions, Terminal } from './terminal-types';

export const STORE_FILE_NAME = 'terminal.db';

export async function openTerminal(options: OpenTerminalOptions): Promise<Terminal> {
  const now = options.now ?? (() => new Date());
  const config = withDataDir(loadTerminalConfig(options.configPath), options.dataDir);
  mkdirSync(config.dataDir, { recursive: true });
  const store = openStore({ path: join(config.dataDir, STORE_FILE_NAME), now, nativeBinding: options.sqliteNativeBinding });
  const { db, health } = store;
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
      },
    }, now());
  } catch (error) {
    store.close();
    throw error;
  }

  const hub = createEventHub((error) => console.error('[terminal] 事件监听器出错', error));
  const session = createAdminSessionState((s) => hub.emit('auth.session', s));
  const services = createServices({ db, config, storeHealth: health, session, appVersion, now });

  let open = true;
  return {
    services,
    onEvent: (listener) => hub.subscribe(listener),
    close() {
      if (!open) return;
      open = false;
      try {
        // A start without a matching stop in the log marks a crash or power cut.
        appendAudit(db, config.terminalId, { kind: 'terminal.stopped' }, now());
      } finally {
        store.close();
      }
    },
  };
}

// The real central store in a child process, with a province, two enrolled terminals
// and a visit between their rooms; prints {url, prison, bureau, visitId, dataDir} on
// one line. A crash of the store ends only this child, never the test runner.
import { buildWorld } from '../../../../harness/store/world';
import { enrolTerminal, insertVisit } from '../../../../harness/store/sync-helpers';
import { startSignalingStore } from './signal-helpers';

const store = await startSignalingStore('sqlite', {});
const w = await buildWorld(store);
const prison = await enrolTerminal(store, w.tokens.prisonAAdmin, w.prisonA.roomId);
const bureau = await enrolTerminal(store, w.tokens.bureauAAdmin, w.bureauA.roomId);
const visitId = await insertVisit(store.app.ctx.db, { roomId: w.prisonA.roomId, remoteRoomId: w.bureauA.roomId });
process.stdout.write(
  `${JSON.stringify({ url: store.url, prison: prison.token, bureau: bureau.token, visitId, dataDir: store.fresh.dataDir })}\n`,
);

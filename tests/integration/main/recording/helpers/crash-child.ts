// Child process for the terminal-crash test: records part of a visit, reports its ffmpeg's
// pid once a segment is sealed, then waits to be killed with SIGKILL (never stops cleanly).
import { join } from 'node:path';
import { startRecording } from '../../../../../src-main/recording';
import { randomChunks, readInput } from './media';
import { openRecorderStore, TERMINAL_ID, VISIT_ID } from './store';

const [root, fractionText] = process.argv.slice(2);
if (!root) throw new Error('usage: crash-child <root> <fraction>');
const store = openRecorderStore(root);
const recording = await startRecording({
  visitId: VISIT_ID,
  terminalId: TERMINAL_ID,
  dir: join(root, 'recordings'),
  db: store.db,
  keyPath: join(root, 'key.pem'),
});
const chunks = randomChunks(readInput(), 3);
const count = Math.floor(chunks.length * Number(fractionText ?? '0.6'));
let written = 0;
for (const chunk of chunks.slice(0, count)) {
  recording.write(chunk);
  written += chunk.length;
}
recording.markIncident('管理员中止前的警告', 'admin-02');
let reported = false;
recording.on('segment', () => {
  if (reported) return;
  reported = true;
  process.stdout.write(`${JSON.stringify({ ffmpegPid: recording.ffmpegPid(), recordingId: recording.recordingId, written })}\n`);
});
setInterval(() => undefined, 1000);

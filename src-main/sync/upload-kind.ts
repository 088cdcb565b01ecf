// The outbox kind the recorder queues for a sealed recording (src-main/recorder/seal-recording.ts).
export { UPLOAD_OUTBOX_KIND } from '../recorder/seal-recording';

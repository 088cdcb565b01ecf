// The outbox kind the recorder queues for a sealed recording (src-main/recording/seal/seal-recording.ts).
export { UPLOAD_OUTBOX_KIND } from '../recording/seal/seal-recording';

// The renderer's recorder: the call screen calls startVisitRecording with both streams.
export {
  startVisitRecording,
  KEYFRAME_INTERVAL_MS,
  VIDEO_CODECS,
  type StartVisitRecordingOptions,
  type VisitRecording,
} from './visit-recorder';
export { composeVideo, COMPOSE_WIDTH, COMPOSE_HEIGHT, type ComposeLabels } from './compose-video';
export { mixAudio } from './mix-audio';
export { createChunkPipe } from './chunk-pipe';
export { LiveWebmWriter } from './webm-writer';

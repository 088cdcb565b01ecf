// Bundled by page-bundle.ts and added with addInitScript: puts the renderer's real
// startVisitRecording on window so the recording e2e can drive it before the call screen
// (issue 6) does. Test-only: the built renderer exposes nothing like this.
import { startVisitRecording } from '../../../src-renderer/recording';

(window as unknown as { __startVisitRecording: typeof startVisitRecording }).__startVisitRecording = startVisitRecording;

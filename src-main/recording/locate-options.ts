// Where the recorder looks for ffmpeg on this terminal: the configuration's ffmpegPath, then
// the copy the installer put in the app's resources folder (resourcesPath: from the Electron
// shell, absent in development), then the environment, ffmpeg-static and the PATH.
import type { LocateOptions } from './ffmpeg/ffmpeg-locator';

export function ffmpegLocateOptions(config: { readonly ffmpegPath?: string | undefined }, resourcesPath?: string): LocateOptions {
  return {
    ...(config.ffmpegPath ? { configured: { ffmpeg: config.ffmpegPath } } : {}),
    ...(resourcesPath ? { resourcesPath } : {}),
  };
}

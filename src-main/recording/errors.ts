// The recorder's typed errors, each with a zh-CN message an administrator or installer can act on.

/** Neither a configured path, FFMPEG_PATH, ffmpeg-static nor PATH yielded the tool. */
export class FfmpegNotFoundError extends Error {
  constructor(readonly tool: 'ffmpeg' | 'ffprobe', readonly tried: readonly string[]) {
    super(
      `找不到 ${tool}，无法录像（R13.1）。已尝试：${tried.length > 0 ? tried.join('；') : '（无）'}。` +
        `请在配置中填写 ${tool} 的路径，或设置环境变量 ${tool === 'ffmpeg' ? 'FFMPEG_PATH' : 'FFPROBE_PATH'}，或安装 ${tool}（Debian：apt install ffmpeg）。`,
    );
    this.name = 'FfmpegNotFoundError';
  }
}

/** A recording operation failed; `detail` carries ffmpeg's stderr tail or the OS error. */
export class RecorderError extends Error {
  constructor(message: string, readonly detail?: string, options?: { cause?: unknown }) {
    super(detail ? `${message}（${detail}）` : message, options);
    this.name = 'RecorderError';
  }
}

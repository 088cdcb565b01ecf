// The recorder's typed errors, each with a zh-CN message an administrator or installer can act on.

/** Neither a configured path, the app's own copy, FFMPEG_PATH, ffmpeg-static nor PATH yielded the tool. */
export class FfmpegNotFoundError extends Error {
  constructor(
    readonly tool: 'ffmpeg' | 'ffprobe',
    readonly tried: readonly string[],
  ) {
    const where =
      tool === 'ffmpeg'
        ? '在终端配置文件的 ffmpegPath 中填写 ffmpeg 的路径'
        : '把 ffprobe 放在 ffmpegPath 所指 ffmpeg 的同一文件夹';
    super(
      `找不到 ${tool}，无法录像（R13.1）。已尝试：${tried.length > 0 ? tried.join('；') : '（无）'}。` +
        `请${where}，或设置环境变量 ${tool === 'ffmpeg' ? 'FFMPEG_PATH' : 'FFPROBE_PATH'}，或安装 ${tool}（Debian：apt install ffmpeg）。`,
    );
    this.name = 'FfmpegNotFoundError';
  }
}

/** A recording operation failed; `detail` carries ffmpeg's stderr tail or the OS error. */
export class RecorderError extends Error {
  constructor(
    message: string,
    readonly detail?: string,
    options?: { cause?: unknown },
  ) {
    super(detail ? `${message}（${detail}）` : message, options);
    this.name = 'RecorderError';
  }
}

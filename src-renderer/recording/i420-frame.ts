// The composed picture kept as one I420 buffer: camera and WebRTC frames are
// already YUV, so copying their planes into place costs far less than drawing them on a
// 2D canvas (YUV → RGBA) and reading the canvas back for the encoder (RGBA → YUV). Only
// RGB sources (a canvas stream) and the text bars are converted, with integer BT.601.

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

const even = (n: number) => n & ~1;

export class I420Frame {
  readonly data: Uint8Array;
  private scratch = new Uint8Array(0);

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Uint8Array((width * height * 3) / 2);
    this.fill({ x: 0, y: 0, w: width, h: height });
  }

  private get uOffset() {
    return this.width * this.height;
  }

  private get vOffset() {
    return this.uOffset + (this.width * this.height) / 4;
  }

  /** Paints a box black. */
  fill(box: Box): void {
    const { width } = this;
    for (let y = box.y; y < box.y + box.h; y++) this.data.fill(16, y * width + box.x, y * width + box.x + box.w);
    const cw = width / 2;
    for (let y = box.y / 2; y < (box.y + box.h) / 2; y++) {
      this.data.fill(128, this.uOffset + y * cw + box.x / 2, this.uOffset + y * cw + (box.x + box.w) / 2);
      this.data.fill(128, this.vOffset + y * cw + box.x / 2, this.vOffset + y * cw + (box.x + box.w) / 2);
    }
  }

  /** Where a `sw`×`sh` picture lands when fitted into `box`, keeping its aspect ratio. */
  static fit(sw: number, sh: number, box: Box): Box {
    const scale = Math.min(box.w / sw, box.h / sh);
    const w = Math.max(2, even(Math.round(sw * scale)));
    const h = Math.max(2, even(Math.round(sh * scale)));
    return { x: box.x + even((box.w - w) / 2), y: box.y + even((box.h - h) / 2), w, h };
  }

  /**
   * Copies a VideoFrame into `dest` (even coordinates), scaling nearest-neighbour when the
   * sizes differ. Returns false for a pixel format it does not know (the box keeps its last picture).
   */
  async blit(frame: VideoFrame, dest: Box): Promise<boolean> {
    const format = frame.format;
    if (format === null) return false;
    const sw0 = frame.visibleRect?.width ?? frame.codedWidth;
    const sh0 = frame.visibleRect?.height ?? frame.codedHeight;
    if ((format === 'I420' || format === 'I420A') && sw0 === dest.w && sh0 === dest.h) {
      // Same size: Chromium copies the planes straight into place, no JS in between.
      const { width } = this;
      const layout: PlaneLayout[] = [
        { offset: dest.y * width + dest.x, stride: width },
        { offset: this.uOffset + (dest.y / 2) * (width / 2) + dest.x / 2, stride: width / 2 },
        { offset: this.vOffset + (dest.y / 2) * (width / 2) + dest.x / 2, stride: width / 2 },
      ];
      if (format === 'I420') {
        await frame.copyTo(this.data, { layout });
        return true;
      }
    }
    const size = frame.allocationSize();
    if (this.scratch.length < size) this.scratch = new Uint8Array(size);
    const layout = await frame.copyTo(this.scratch);
    const sw = frame.visibleRect?.width ?? frame.codedWidth;
    const sh = frame.visibleRect?.height ?? frame.codedHeight;
    const src = this.scratch;
    const xs = indexMap(sw, dest.w);
    const ys = indexMap(sh, dest.h);
    const { width } = this;
    const cw = width / 2;
    const plane = (i: number) => layout[i] ?? { offset: 0, stride: 0 };
    if (format === 'I420' || format === 'I420A' || format === 'NV12') {
      const pY = plane(0);
      for (let y = 0; y < dest.h; y++)
        copyRow(src, pY.offset + (ys[y] ?? 0) * pY.stride, xs, this.data, (dest.y + y) * width + dest.x, 1, 0);
      const cxs = indexMap(sw / 2, dest.w / 2);
      const cys = indexMap(sh / 2, dest.h / 2);
      const pU = plane(1);
      const pV = format === 'NV12' ? pU : plane(2);
      const step = format === 'NV12' ? 2 : 1;
      for (let y = 0; y < dest.h / 2; y++) {
        const at = (dest.y / 2 + y) * cw + dest.x / 2;
        const sy = cys[y] ?? 0;
        copyRow(src, pU.offset + sy * pU.stride, cxs, this.data, this.uOffset + at, step, 0);
        copyRow(src, pV.offset + sy * pV.stride, cxs, this.data, this.vOffset + at, step, format === 'NV12' ? 1 : 0);
      }
      return true;
    }
    if (format === 'RGBA' || format === 'RGBX' || format === 'BGRA' || format === 'BGRX') {
      const p = plane(0);
      this.fromRgba(src, p.offset, p.stride, format.startsWith('B'), xs, ys, dest);
      return true;
    }
    return false;
  }

  /** Converts RGBA pixels (e.g. a canvas's ImageData) into `dest`, 1:1 when `xs`/`ys` are identity. */
  fromRgba(
    src: Uint8Array | Uint8ClampedArray,
    offset: number,
    stride: number,
    bgr: boolean,
    xs: Int32Array,
    ys: Int32Array,
    dest: Box,
  ): void {
    const { width, data } = this;
    const cw = width / 2;
    const r0 = bgr ? 2 : 0;
    const b0 = bgr ? 0 : 2;
    for (let y = 0; y < dest.h; y++) {
      const row = offset + (ys[y] ?? 0) * stride;
      const out = (dest.y + y) * width + dest.x;
      const chroma = (y & 1) === 0 ? ((dest.y + y) / 2) * cw + dest.x / 2 : -1;
      for (let x = 0; x < dest.w; x++) {
        const s = row + (xs[x] ?? 0) * 4;
        const r = src[s + r0] ?? 0;
        const g = src[s + 1] ?? 0;
        const b = src[s + b0] ?? 0;
        data[out + x] = ((66 * r + 129 * g + 25 * b + 128) >> 8) + 16;
        if (chroma >= 0 && (x & 1) === 0) {
          data[this.uOffset + chroma + x / 2] = ((-38 * r - 74 * g + 112 * b + 128) >> 8) + 128;
          data[this.vOffset + chroma + x / 2] = ((112 * r - 94 * g - 18 * b + 128) >> 8) + 128;
        }
      }
    }
  }
}

/** For each output position, the source position (nearest neighbour). */
export function indexMap(from: number, to: number): Int32Array {
  const map = new Int32Array(to);
  for (let i = 0; i < to; i++) map[i] = Math.min(from - 1, Math.floor(((i + 0.5) * from) / to));
  return map;
}

/** One output row; a plain block copy when the row is not scaled. */
function copyRow(
  src: Uint8Array,
  srcAt: number,
  xs: Int32Array,
  dst: Uint8Array,
  dstAt: number,
  step: number,
  shift: number,
): void {
  const n = xs.length;
  if (step === 1 && (xs[n - 1] ?? 0) === n - 1) {
    dst.set(src.subarray(srcAt, srcAt + n), dstAt);
    return;
  }
  for (let x = 0; x < n; x++) dst[dstAt + x] = src[srcAt + (xs[x] ?? 0) * step + shift] ?? 0;
}

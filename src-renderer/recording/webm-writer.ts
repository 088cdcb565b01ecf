// A small live WebM writer for the recorder: WebCodecs gives encoded frames, main's
// ffmpeg (-c copy) wants a WebM byte stream. It writes the EBML header, a Segment of unknown
// size (the stream is live), Info and Tracks, then one Cluster per video keyframe holding
// that keyframe's video and the audio of the same span, so every Cluster starts with a
// keyframe and ffmpeg can cut a segment at any of them (webm-index.ts in main relies on it).

export interface WebmTracks {
  readonly video: { readonly codecId: 'V_VP8' | 'V_VP9'; readonly width: number; readonly height: number };
  audio: { readonly sampleRate: number; readonly channels: number } | null;
}

/** One encoded frame; timestamps in microseconds on the recording's timeline. */
export interface WebmFrame {
  readonly timestampUs: number;
  readonly key: boolean;
  readonly data: Uint8Array;
}

const VIDEO_TRACK = 1;
const AUDIO_TRACK = 2;
/** An audio block this far behind video (µs) no longer holds a Cluster back. */
const AUDIO_WAIT_US = 1_500_000;

const text = new TextEncoder();

function concat(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** EBML data size: the shortest vint that holds it (all-ones is reserved for "unknown"). */
function sizeVint(n: number): Uint8Array {
  for (let len = 1; len <= 8; len++) {
    if (n < 2 ** (7 * len) - 1) {
      const out = new Uint8Array(len);
      let v = n;
      for (let i = len - 1; i >= 0; i--) {
        out[i] = v % 256;
        v = Math.floor(v / 256);
      }
      out[0] = (out[0] ?? 0) | (0x80 >> (len - 1));
      return out;
    }
  }
  throw new Error(`EBML size too large: ${n}`);
}

function idBytes(id: number): Uint8Array {
  const out: number[] = [];
  for (let v = id; v > 0; v = Math.floor(v / 256)) out.unshift(v % 256);
  return Uint8Array.from(out);
}

const el = (id: number, ...payload: Uint8Array[]): Uint8Array<ArrayBuffer> => {
  const body = concat(payload);
  return concat([idBytes(id), sizeVint(body.length), body]);
};

function uintEl(id: number, value: number): Uint8Array {
  const bytes: number[] = [];
  for (let v = value; v > 0 || bytes.length === 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return el(id, Uint8Array.from(bytes));
}

function floatEl(id: number, value: number): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, value);
  return el(id, b);
}

const strEl = (id: number, value: string) => el(id, text.encode(value));

/** RFC 7845 identification header, for players that need CodecPrivate for Opus. */
export function opusHead(channels: number, sampleRate: number, preSkip = 312): Uint8Array {
  const b = new Uint8Array(19);
  b.set(text.encode('OpusHead'), 0);
  const v = new DataView(b.buffer);
  v.setUint8(8, 1);
  v.setUint8(9, channels);
  v.setUint16(10, preSkip, true);
  v.setUint32(12, sampleRate, true);
  return b;
}

export function webmHeader(tracks: WebmTracks, opusPrivate: Uint8Array | null): Uint8Array<ArrayBuffer> {
  const ebml = el(
    0x1a45dfa3,
    uintEl(0x4286, 1),
    uintEl(0x42f7, 1),
    uintEl(0x42f2, 4),
    uintEl(0x42f3, 8),
    strEl(0x4282, 'webm'),
    uintEl(0x4287, 4),
    uintEl(0x4285, 2),
  );
  // Segment of unknown size: 0x01 followed by seven 0xFF.
  const segment = concat([idBytes(0x18538067), Uint8Array.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])]);
  const info = el(0x1549a966, uintEl(0x2ad7b1, 1_000_000), strEl(0x4d80, 'yn-webm-writer'), strEl(0x5741, 'yn-visit-recorder'));
  const video = el(
    0xae,
    uintEl(0xd7, VIDEO_TRACK),
    uintEl(0x73c5, VIDEO_TRACK),
    uintEl(0x83, 1),
    uintEl(0x9c, 0),
    strEl(0x86, tracks.video.codecId),
    el(0xe0, uintEl(0xb0, tracks.video.width), uintEl(0xba, tracks.video.height)),
  );
  const entries = [video];
  if (tracks.audio) {
    const head = opusPrivate ?? opusHead(tracks.audio.channels, tracks.audio.sampleRate);
    const preSkip = head.length >= 12 ? new DataView(head.buffer, head.byteOffset).getUint16(10, true) : 312;
    entries.push(
      el(
        0xae,
        uintEl(0xd7, AUDIO_TRACK),
        uintEl(0x73c5, AUDIO_TRACK),
        uintEl(0x83, 2),
        uintEl(0x9c, 0),
        strEl(0x86, 'A_OPUS'),
        el(0x63a2, head),
        uintEl(0x56aa, Math.round((preSkip * 1e9) / 48_000)),
        uintEl(0x56bb, 80_000_000),
        el(0xe1, floatEl(0xb5, tracks.audio.sampleRate), uintEl(0x9f, tracks.audio.channels)),
      ),
    );
  }
  return concat([ebml, segment, info, el(0x1654ae6b, ...entries)]);
}

function simpleBlock(track: number, relativeMs: number, key: boolean, data: Uint8Array): Uint8Array {
  const head = new Uint8Array(4);
  head[0] = 0x80 | track;
  new DataView(head.buffer).setInt16(1, relativeMs);
  head[3] = key ? 0x80 : 0;
  return el(0xa3, head, data);
}

interface Block extends WebmFrame {
  readonly track: number;
}

/**
 * Collects encoded frames of both tracks and hands out finished Clusters (the header
 * first). A Cluster [keyframe, next keyframe) is finished once the next keyframe is there
 * and the audio has caught up with it, so blocks leave in timestamp order.
 */
/** An encoder's chunk as the bytes of a WebM frame. */
export function encodedBytes(chunk: EncodedVideoChunk | EncodedAudioChunk): Uint8Array {
  const data = new Uint8Array(chunk.byteLength);
  chunk.copyTo(data);
  return data;
}

export class LiveWebmWriter {
  private video: Block[] = [];
  private audio: Block[] = [];
  private headerSent = false;
  private lastAudioUs = -Infinity;
  private opusPrivate: Uint8Array | null = null;

  constructor(
    private readonly tracks: WebmTracks,
    private readonly emit: (bytes: Uint8Array<ArrayBuffer>) => void,
  ) {}

  /** The audio format, once the first audio arrives (before the header is written). */
  setAudio(format: { sampleRate: number; channels: number }, head: Uint8Array | null): void {
    if (this.headerSent) return;
    this.tracks.audio = format;
    if (head) this.opusPrivate = head;
  }

  addVideo(frame: WebmFrame): void {
    // The first Cluster must start with a keyframe; the encoder's first frame always is.
    if (this.video.length === 0 && !frame.key) return;
    this.video.push({ ...frame, track: VIDEO_TRACK });
    this.flush(false);
  }

  addAudio(frame: WebmFrame): void {
    if (!this.tracks.audio) return;
    this.lastAudioUs = Math.max(this.lastAudioUs, frame.timestampUs);
    this.audio.push({ ...frame, key: true, track: AUDIO_TRACK });
    this.flush(false);
  }

  /** Writes everything still held (the recording stops). */
  finish(): void {
    this.flush(true);
  }

  private flush(all: boolean): void {
    for (;;) {
      const nextKey = this.video.findIndex((b, i) => i > 0 && b.key);
      if (nextKey < 0 && !all) return;
      const end = nextKey < 0 ? this.video.length : nextKey;
      const endUs = nextKey < 0 ? Infinity : (this.video[nextKey]?.timestampUs ?? Infinity);
      const lastVideoUs = this.video.at(-1)?.timestampUs ?? -Infinity;
      // Before any audio, wait as if it were at 0: a silent start must not drop the audio track.
      const audioUs = this.lastAudioUs === -Infinity ? 0 : this.lastAudioUs;
      if (!all && this.tracks.audio && audioUs < endUs && lastVideoUs - audioUs < AUDIO_WAIT_US) return;
      const blocks = [...this.video.splice(0, end)];
      const cut = all && nextKey < 0 ? this.audio.length : this.audio.findIndex((b) => b.timestampUs >= endUs);
      blocks.push(...this.audio.splice(0, cut < 0 ? this.audio.length : cut));
      if (blocks.length === 0) return;
      this.writeCluster(blocks);
      if (all && this.video.length === 0 && this.audio.length === 0) return;
    }
  }

  private writeCluster(blocks: Block[]): void {
    blocks.sort((a, b) => a.timestampUs - b.timestampUs || a.track - b.track);
    const startMs = Math.round((blocks[0]?.timestampUs ?? 0) / 1000);
    const body = blocks.map((b) =>
      simpleBlock(b.track, Math.max(-32768, Math.min(32767, Math.round(b.timestampUs / 1000) - startMs)), b.key, b.data),
    );
    const cluster = el(0x1f43b675, uintEl(0xe7, startMs), ...body);
    if (!this.headerSent) {
      this.headerSent = true;
      this.emit(concat([webmHeader(this.tracks, this.opusPrivate), cluster]));
    } else {
      this.emit(cluster);
    }
  }
}

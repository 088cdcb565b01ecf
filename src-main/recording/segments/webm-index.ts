// Finds, in a growing WebM/Matroska byte stream (the spool), where the header ends and
// where each Cluster starts, with its timestamp and whether its first video block is a
// keyframe. That is what lets a new ffmpeg resume mid-stream: header (EBML header +
// Segment info + Tracks) followed by data from a keyframe Cluster (ID 0x1F43B675).
// It walks the element structure (not a byte search), so payload bytes that happen to
// look like a Cluster ID are never mistaken for one; clusters of unknown size (Chrome's
// live MediaRecorder) end at the next Segment-level element.

export interface ByteSource {
  /** Bytes available now (the spool grows while recording). */
  size(): number;
  read(position: number, length: number): Uint8Array;
}

export interface ClusterInfo {
  readonly offset: number;
  /** On the stream's own timeline, in milliseconds. */
  timestampMs: number | null;
  /** First video block is a keyframe (true also for audio-only streams); null until seen. */
  startsWithKeyframe: boolean | null;
}

const ID = {
  ebml: 0x1a45dfa3,
  segment: 0x18538067,
  info: 0x1549a966,
  timestampScale: 0x2ad7b1,
  tracks: 0x1654ae6b,
  trackEntry: 0xae,
  trackNumber: 0xd7,
  trackType: 0x83,
  cluster: 0x1f43b675,
  timestamp: 0xe7,
  simpleBlock: 0xa3,
  blockGroup: 0xa0,
  block: 0xa1,
  referenceBlock: 0xfb,
} as const;

const SEGMENT_LEVEL = new Set([
  0x114d9b74,
  ID.info,
  ID.tracks,
  0x1c53bb6b,
  0x1254c367,
  0x1043a770,
  0x1941a469,
  ID.cluster,
  ID.ebml,
  ID.segment,
]);

interface Header {
  readonly id: number;
  /** null: unknown size (all value bits set), as live muxers write. */
  readonly size: number | null;
  readonly length: number;
}

type Parsed = Header | 'short' | 'invalid';

function vintLength(first: number): number {
  for (let n = 1; n <= 8; n++) if (first & (0x80 >> (n - 1))) return n;
  return 0;
}

/** Reads an element's ID and size at `at` in `bytes` (which must start at most 12 bytes before EOF). */
export function parseElementHeader(bytes: Uint8Array, at = 0): Parsed {
  const first = bytes[at];
  if (first === undefined) return 'short';
  const idLength = vintLength(first);
  if (idLength === 0 || idLength > 4) return 'invalid';
  if (at + idLength >= bytes.length) return 'short';
  let id = 0;
  for (let i = 0; i < idLength; i++) id = id * 256 + (bytes[at + i] ?? 0);
  const sizeFirst = bytes[at + idLength] ?? 0;
  const sizeLength = vintLength(sizeFirst);
  if (sizeLength === 0) return 'invalid';
  if (at + idLength + sizeLength > bytes.length) return 'short';
  let size = sizeFirst & (0xff >> sizeLength);
  let allOnes = size === 0xff >> sizeLength;
  for (let i = 1; i < sizeLength; i++) {
    const b = bytes[at + idLength + i] ?? 0;
    size = size * 256 + b;
    allOnes &&= b === 0xff;
  }
  return { id, size: allOnes ? null : size, length: idLength + sizeLength };
}

const readUint = (bytes: Uint8Array): number => bytes.reduce((value, b) => value * 256 + b, 0);

/** Children of a fully available master element's payload. */
function* children(bytes: Uint8Array): Generator<{ id: number; data: Uint8Array }> {
  let at = 0;
  while (at < bytes.length) {
    const h = parseElementHeader(bytes, at);
    if (typeof h === 'string' || h.size === null || at + h.length + h.size > bytes.length) return;
    yield { id: h.id, data: bytes.subarray(at + h.length, at + h.length + h.size) };
    at += h.length + h.size;
  }
}

/** A resumable scan of a growing WebM stream; call update() whenever more bytes may be there. */
export class WebmIndex {
  /** Byte offset of the first Cluster: everything before it is the header to re-send. */
  headerEnd: number | null = null;
  readonly clusters: ClusterInfo[] = [];
  /** Nanoseconds per timestamp tick (Matroska default 1 ms). */
  private timestampScale = 1_000_000;
  private videoTrack: number | null = null;
  private position = 0;
  private segmentEntered = false;
  private current: { info: ClusterInfo; end: number | null } | null = null;
  /** The stream is not Matroska as expected; no restart point can be trusted after this. */
  broken: string | null = null;
  /**
   * The latest block timestamp seen (stream timeline, ms): how far the media reaches.
   * With the arrival time of the chunk that carried it, it places the stream's time 0 on
   * the wall clock (chapter offsets).
   */
  lastBlockMs: number | null = null;

  constructor(private readonly source: ByteSource) {}

  private header(at: number): Parsed {
    const available = this.source.size() - at;
    if (available <= 0) return 'short';
    return parseElementHeader(this.source.read(at, Math.min(12, available)));
  }

  update(): void {
    while (!this.broken) {
      if (this.current && this.current.end !== null && this.position >= this.current.end) this.current = null;
      const h = this.header(this.position);
      if (h === 'short') return;
      if (h === 'invalid') {
        this.broken = `偏移 ${this.position} 处的数据不是合法的 EBML 元素`;
        return;
      }
      if (!this.step(h)) return;
    }
  }

  /** Handles one element at `position`; false when it needs bytes not yet written. */
  private step(h: Header): boolean {
    const at = this.position;
    const payload = at + h.length;
    const available = this.source.size();

    if (this.current) {
      // An unknown-size cluster ends where the next Segment-level element begins.
      if (this.current.end === null && SEGMENT_LEVEL.has(h.id)) {
        this.current = null;
        return true;
      }
      if (h.size === null) return this.fail(at, '簇内元素大小未知');
      const info = this.current.info;
      if (h.id === ID.timestamp) {
        if (payload + h.size > available) return false;
        info.timestampMs = (readUint(this.source.read(payload, h.size)) * this.timestampScale) / 1e6;
      } else if (h.id === ID.simpleBlock || h.id === ID.blockGroup) {
        const relative = this.blockTimecode(h, payload, available);
        if (relative === 'short') return false;
        if (info.startsWithKeyframe === null) {
          const key = this.blockKeyframe(h, payload, available);
          if (key === 'short') return false;
          if (key !== 'other-track') info.startsWithKeyframe = key;
        }
        if (relative !== null && info.timestampMs !== null) {
          const at = info.timestampMs + (relative * this.timestampScale) / 1e6;
          if (this.lastBlockMs === null || at > this.lastBlockMs) this.lastBlockMs = at;
        }
      }
      this.position = payload + h.size;
      return true;
    }

    if (!this.segmentEntered) {
      if (h.id === ID.segment) {
        this.segmentEntered = true;
        this.position = payload;
        return true;
      }
      if (h.id !== ID.ebml || h.size === null) return this.fail(at, '不是 WebM 文件头');
      this.position = payload + h.size;
      return true;
    }

    if (h.id === ID.cluster) {
      this.headerEnd ??= at;
      const info: ClusterInfo = { offset: at, timestampMs: null, startsWithKeyframe: null };
      this.clusters.push(info);
      this.current = { info, end: h.size === null ? null : payload + h.size };
      this.position = payload;
      return true;
    }
    if (h.size === null) return this.fail(at, 'Segment 下的元素大小未知');
    if (h.id === ID.info || h.id === ID.tracks) {
      if (payload + h.size > available) return false;
      const data = this.source.read(payload, h.size);
      if (h.id === ID.info) this.readInfo(data);
      else this.readTracks(data);
    }
    this.position = payload + h.size;
    return true;
  }

  private readInfo(data: Uint8Array): void {
    for (const child of children(data)) if (child.id === ID.timestampScale) this.timestampScale = readUint(child.data);
  }

  private readTracks(data: Uint8Array): void {
    for (const entry of children(data)) {
      if (entry.id !== ID.trackEntry) continue;
      let number: number | null = null;
      let type: number | null = null;
      for (const field of children(entry.data)) {
        if (field.id === ID.trackNumber) number = readUint(field.data);
        if (field.id === ID.trackType) type = readUint(field.data);
      }
      if (type === 1 && number !== null && this.videoTrack === null) this.videoTrack = number;
    }
  }

  /** A block's timecode relative to its cluster (signed 16-bit, in ticks); null when unreadable. */
  private blockTimecode(h: Header, payload: number, available: number): number | null | 'short' {
    const size = h.size ?? 0;
    let head: Uint8Array;
    if (h.id === ID.simpleBlock) {
      head = this.source.read(payload, Math.min(size, 12, Math.max(0, available - payload)));
    } else {
      if (payload + size > available) return 'short';
      const block = [...children(this.source.read(payload, size))].find((c) => c.id === ID.block);
      if (!block) return null;
      head = block.data;
    }
    const trackLength = vintLength(head[0] ?? 0);
    if (trackLength === 0) return null;
    if (head.length < trackLength + 2) return h.id === ID.simpleBlock && size >= trackLength + 2 ? 'short' : null;
    const raw = ((head[trackLength] ?? 0) << 8) | (head[trackLength + 1] ?? 0);
    return raw >= 0x8000 ? raw - 0x10000 : raw;
  }

  /** Keyframe flag of a block on the video track; 'other-track' for audio blocks. */
  private blockKeyframe(h: Header, payload: number, available: number): boolean | 'short' | 'other-track' {
    const size = h.size ?? 0;
    if (h.id === ID.simpleBlock) {
      const head = this.source.read(payload, Math.min(size, 12, Math.max(0, available - payload)));
      const trackLength = vintLength(head[0] ?? 0);
      if (trackLength === 0 || head.length < trackLength + 3) return 'short';
      const track = readUint(head.subarray(0, trackLength)) & ~(0x80 << (8 * (trackLength - 1)));
      if (this.videoTrack !== null && track !== this.videoTrack) return 'other-track';
      return ((head[trackLength + 2] ?? 0) & 0x80) !== 0;
    }
    // BlockGroup: a keyframe is a Block without a ReferenceBlock.
    if (payload + size > available) return 'short';
    let track: number | null = null;
    let referenced = false;
    for (const child of children(this.source.read(payload, size))) {
      if (child.id === ID.block) {
        const trackLength = vintLength(child.data[0] ?? 0);
        track = readUint(child.data.subarray(0, trackLength)) & ~(0x80 << (8 * (trackLength - 1)));
      }
      if (child.id === ID.referenceBlock) referenced = true;
    }
    if (this.videoTrack !== null && track !== this.videoTrack) return 'other-track';
    return !referenced;
  }

  private fail(at: number, reason: string): boolean {
    this.broken = `偏移 ${at} 处：${reason}`;
    return false;
  }

  /**
   * The first Cluster a new ffmpeg can start from to continue after `fromMs` (stream
   * timeline): its first video block is a keyframe and it starts no earlier than
   * `fromMs - toleranceMs` (the tolerance absorbs ffmpeg's start-time shift, e.g.
   * Opus codec delay). null when that cluster has not been written yet.
   */
  resumePoint(fromMs: number, toleranceMs = 100): ClusterInfo | null {
    this.update();
    return (
      this.clusters.find(
        (c) => c.timestampMs !== null && c.startsWithKeyframe === true && c.timestampMs >= fromMs - toleranceMs,
      ) ?? null
    );
  }
}

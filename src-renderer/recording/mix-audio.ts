// Mixes both parties' audio into one track with WebAudio: the archive
// must carry what each side said, in one Opus stream.
export interface MixedAudio {
  readonly track: MediaStreamTrack | null;
  /** Replaces the stream at `index` (the remote party after a reconnection). */
  replace(index: number, stream: MediaStream): void;
  stop(): Promise<void>;
}

export function mixAudio(streams: readonly MediaStream[]): MixedAudio {
  // One destination even when nobody has audio yet, so the recording keeps one audio
  // track that a reconnected remote party can join.
  // 48 kHz: Opus's own rate, so the encoder never resamples.
  const context = new AudioContext({ latencyHint: 'playback', sampleRate: 48_000 });
  const destination = context.createMediaStreamDestination();
  const connect = (stream: MediaStream) => {
    if (stream.getAudioTracks().length === 0) return null;
    const source = context.createMediaStreamSource(stream);
    source.connect(destination);
    return source;
  };
  const sources = streams.map(connect);
  // An AudioContext made without a user gesture may start suspended.
  void context.resume().catch(() => undefined);
  return {
    track: destination.stream.getAudioTracks()[0] ?? null,
    replace(index, stream) {
      sources[index]?.disconnect();
      sources[index] = connect(stream);
    },
    async stop() {
      for (const s of sources) s?.disconnect();
      await context.close().catch(() => undefined);
    },
  };
}

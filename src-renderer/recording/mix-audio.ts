// Mixes both parties' audio into one track with WebAudio (issue 7 item 1): the archive
// must carry what each side said, in one Opus stream.
export interface MixedAudio {
  readonly track: MediaStreamTrack | null;
  stop(): Promise<void>;
}

export function mixAudio(streams: readonly MediaStream[]): MixedAudio {
  const withAudio = streams.filter((s) => s.getAudioTracks().length > 0);
  if (withAudio.length === 0) return { track: null, stop: async () => undefined };
  const context = new AudioContext({ latencyHint: 'playback' });
  const destination = context.createMediaStreamDestination();
  const sources = withAudio.map((stream) => {
    const source = context.createMediaStreamSource(stream);
    source.connect(destination);
    return source;
  });
  // An AudioContext made without a user gesture may start suspended.
  void context.resume().catch(() => undefined);
  return {
    track: destination.stream.getAudioTracks()[0] ?? null,
    async stop() {
      for (const s of sources) s.disconnect();
      await context.close().catch(() => undefined);
    },
  };
}

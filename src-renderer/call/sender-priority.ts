// Issue #23 item 4: on a poor link the sound goes first and the picture gives way gracefully.
// The audio sender gets high priority (its share when the bandwidth estimate is split, and
// the DSCP marking a government WAN's QoS may honour); the video sender low, and
// degradationPreference 'balanced', so the encoder lowers resolution and frame rate together
// as the bitrate falls instead of holding one until the picture freezes.
export async function prioritiseAudio(pc: RTCPeerConnection): Promise<void> {
  for (const sender of pc.getSenders()) {
    const kind = sender.track?.kind;
    if (kind !== 'audio' && kind !== 'video') continue;
    const params = sender.getParameters();
    const priority: RTCPriorityType = kind === 'audio' ? 'high' : 'low';
    for (const e of params.encodings ?? []) {
      e.priority = priority;
      e.networkPriority = priority;
    }
    if (kind === 'video') params.degradationPreference = 'balanced';
    // A sender that changed under us (a renegotiation) refuses: the next connect sets it again.
    await sender.setParameters(params).catch(() => undefined);
  }
}

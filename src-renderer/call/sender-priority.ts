// Issue #23 item 4: on a poor link the sound goes first and the picture gives way gracefully.
// The audio sender gets high priority (its share when the bandwidth estimate is split, and
// the DSCP marking a government WAN's QoS may honour); the video sender low, and
// degradationPreference 'balanced', so the encoder lowers resolution and frame rate together
// as the bitrate falls instead of holding one until the picture freezes.
// Issue #22 item 2: set as soon as the connection is built (Chromium keeps a sender's parameters
// through the negotiation), so nothing reconfigures the video encoder while its first frames go
// out; set again at connect only where that did not take (a sender that changed in between).

const wanted = (kind: 'audio' | 'video'): RTCPriorityType => (kind === 'audio' ? 'high' : 'low');

function settled(kind: 'audio' | 'video', params: RTCRtpSendParameters): boolean {
  const p = wanted(kind);
  return (
    (params.encodings ?? []).every((e) => e.priority === p && e.networkPriority === p) &&
    (kind === 'audio' || params.degradationPreference === 'balanced')
  );
}

/** Sets what is not set yet; resolves with how many senders it changed. */
export async function prioritiseAudio(pc: RTCPeerConnection): Promise<number> {
  let changed = 0;
  for (const sender of pc.getSenders()) {
    const kind = sender.track?.kind;
    if (kind !== 'audio' && kind !== 'video') continue;
    const params = sender.getParameters();
    if (settled(kind, params)) continue;
    for (const e of params.encodings ?? []) {
      e.priority = wanted(kind);
      e.networkPriority = wanted(kind);
    }
    if (kind === 'video') params.degradationPreference = 'balanced';
    // A sender that changed under us (a renegotiation) refuses: the next connect sets it again.
    await sender.setParameters(params).then(
      () => (changed += 1),
      () => undefined,
    );
  }
  return changed;
}

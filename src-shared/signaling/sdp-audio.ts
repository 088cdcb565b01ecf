// Issue #23 item 4, audio first: Opus with in-band forward error correction (useinbandfec=1:
// each packet carries a low-rate copy of the one before, so a single lost packet is rebuilt
// instead of concealed) and the receiver told it may ask for it. Applied to every SDP the
// call's connection sends (simple-peer's sdpTransform). Pure text work: an SDP without Opus
// passes unchanged.

/** The SDP with useinbandfec=1 on every Opus payload type's a=fmtp line (added if missing). */
export function withOpusFec(sdp: string): string {
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  const lines = sdp.split(eol);
  const opus = new Set<string>();
  for (const line of lines) {
    const m = /^a=rtpmap:(\d+) opus\/48000/i.exec(line);
    if (m?.[1]) opus.add(m[1]);
  }
  if (opus.size === 0) return sdp;
  const withFmtp = new Set<string>();
  const out = lines.map((line) => {
    const m = /^a=fmtp:(\d+) (.*)$/.exec(line);
    if (!m?.[1] || !opus.has(m[1])) return line;
    withFmtp.add(m[1]);
    const params = (m[2] ?? '').split(';').filter((p) => p.trim() !== '' && !/^\s*useinbandfec=/i.test(p));
    return `a=fmtp:${m[1]} ${[...params, 'useinbandfec=1'].join(';')}`;
  });
  // An Opus payload type without its fmtp line gets one right after its rtpmap.
  const result: string[] = [];
  for (const line of out) {
    result.push(line);
    const m = /^a=rtpmap:(\d+) opus\/48000/i.exec(line);
    if (m?.[1] && !withFmtp.has(m[1])) result.push(`a=fmtp:${m[1]} useinbandfec=1`);
  }
  return result.join(eol);
}

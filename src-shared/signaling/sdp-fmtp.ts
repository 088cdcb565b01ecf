// One codec parameter set on every payload type of the codecs `codec` matches (their a=fmtp
// line, added right after the a=rtpmap when missing), as simple-peer's sdpTransform applies
// to every SDP the call's connection sends. Pure text work; an SDP without such a codec
// passes unchanged. Used by ./sdp-audio (Opus FEC) and ./sdp-video (the video's floor).

export function withFmtpParam(sdp: string, codec: RegExp, key: string, value: string): string {
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  const lines = sdp.split(eol);
  const rtpmap = (line: string) => {
    const m = /^a=rtpmap:(\d+) (\S+)/.exec(line);
    return m?.[1] && m[2] && codec.test(m[2]) ? m[1] : null;
  };
  const types = new Set(lines.map(rtpmap).filter((p): p is string => p !== null));
  if (types.size === 0) return sdp;
  const withFmtp = new Set<string>();
  const param = new RegExp(`^\\s*${key}=`, 'i');
  const out = lines.map((line) => {
    const m = /^a=fmtp:(\d+) (.*)$/.exec(line);
    if (!m?.[1] || !types.has(m[1])) return line;
    withFmtp.add(m[1]);
    const params = (m[2] ?? '').split(';').filter((p) => p.trim() !== '' && !param.test(p));
    return `a=fmtp:${m[1]} ${[...params, `${key}=${value}`].join(';')}`;
  });
  const result: string[] = [];
  for (const line of out) {
    result.push(line);
    const pt = rtpmap(line);
    if (pt && !withFmtp.has(pt)) result.push(`a=fmtp:${pt} ${key}=${value}`);
  }
  return result.join(eol);
}

// Issue #23 item 4, audio first: Opus with in-band forward error correction (useinbandfec=1:
// each packet carries a low-rate copy of the one before, so a single lost packet is rebuilt
// instead of concealed) and the receiver told it may ask for it. Applied to every SDP the
// call's connection sends (simple-peer's sdpTransform). Pure text work: an SDP without Opus
// passes unchanged.
import { withFmtpParam } from './sdp-fmtp';

/** The SDP with useinbandfec=1 on every Opus payload type's a=fmtp line (added if missing). */
export const withOpusFec = (sdp: string): string => withFmtpParam(sdp, /^opus\/48000/i, 'useinbandfec', '1');

// Issue #23 item 4: a floor under the video's congestion estimate (x-google-min-bitrate, kbit/s,
// which Chromium's congestion controller never estimates below). On a lossy, jittery line
// its delay-based estimate of a 1 Mbit/s line fell to 30–80 kbit/s, where even a picture
// held at 360 lines (src-shared/signaling/send-ladder) runs at 4–5 fps; from about 100 kbit/s
// up it runs at 14–15. 150 kbit/s plus the sound (~40) and its overhead stay well inside the
// issue's worst line (512 kbit/s), so the floor never by itself overloads a line the
// province runs; on a line worse than that the picture would be the first to break up.
import { withFmtpParam } from './sdp-fmtp';

export const VIDEO_FLOOR_KBPS = 150;

/** The SDP with the floor on every VP8, VP9, H.264 and AV1 payload type. */
export const withVideoFloor = (sdp: string): string =>
  withFmtpParam(sdp, /^(VP8|VP9|H264|AV1)\/90000$/i, 'x-google-min-bitrate', String(VIDEO_FLOOR_KBPS));

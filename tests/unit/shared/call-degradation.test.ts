// Issue #23 item 4: audio first (Opus in-band FEC in every SDP) and when the link counts as poor.
import { describe, expect, test } from 'vitest';
import { linkIsPoor, poorLinkReasons } from '../../../src-shared/signaling/link-grade';
import { withOpusFec } from '../../../src-shared/signaling/sdp-audio';
import { VIDEO_FLOOR_KBPS, withVideoFloor } from '../../../src-shared/signaling/sdp-video';

const SDP = [
  'v=0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9',
  'a=rtpmap:111 opus/48000/2',
  'a=rtcp-fb:111 transport-cc',
  'a=fmtp:111 minptime=10;useinbandfec=0',
  'a=rtpmap:63 red/48000/2',
  'a=fmtp:63 111/111',
  'a=rtpmap:9 G722/8000',
  'm=video 9 UDP/TLS/RTP/SAVPF 96',
  'a=rtpmap:96 VP8/90000',
  '',
].join('\r\n');

describe('issue #23 item 4: graceful degradation', () => {
  test('Opus gets useinbandfec=1 (replacing a 0), other codecs and line endings are left alone', () => {
    const out = withOpusFec(SDP);
    expect(out).toContain('a=fmtp:111 minptime=10;useinbandfec=1\r\n');
    expect(out).not.toContain('useinbandfec=0');
    expect(out).toContain('a=fmtp:63 111/111\r\n');
    expect(out.split('\r\n')).toHaveLength(SDP.split('\r\n').length);
    expect(withOpusFec(out)).toBe(out);
  });

  test('an Opus payload without an fmtp line gets one; an SDP without Opus is unchanged', () => {
    const bare = 'v=0\nm=audio 9 RTP/SAVPF 109\na=rtpmap:109 opus/48000/2\na=rtcp-fb:109 nack\n';
    expect(withOpusFec(bare)).toBe(
      'v=0\nm=audio 9 RTP/SAVPF 109\na=rtpmap:109 opus/48000/2\na=fmtp:109 useinbandfec=1\na=rtcp-fb:109 nack\n',
    );
    const video = 'v=0\nm=video 9 RTP/SAVPF 96\na=rtpmap:96 VP8/90000\n';
    expect(withOpusFec(video)).toBe(video);
  });

  test("the video codecs get a floor under the congestion estimate (x-google-min-bitrate); RTX, audio and an existing fmtp's other parameters are left alone", () => {
    const sdp = [
      'm=audio 9 UDP/TLS/RTP/SAVPF 111',
      'a=rtpmap:111 opus/48000/2',
      'a=fmtp:111 minptime=10;useinbandfec=1',
      'm=video 9 UDP/TLS/RTP/SAVPF 96 97 102',
      'a=rtpmap:96 VP8/90000',
      'a=rtcp-fb:96 nack',
      'a=rtpmap:97 rtx/90000',
      'a=fmtp:97 apt=96',
      'a=rtpmap:102 H264/90000',
      'a=fmtp:102 level-asymmetry-allowed=1;x-google-min-bitrate=30;profile-level-id=42e01f',
      '',
    ].join('\r\n');
    const out = withVideoFloor(withOpusFec(sdp));
    expect(VIDEO_FLOOR_KBPS).toBe(150);
    expect(out).toContain('a=rtpmap:96 VP8/90000\r\na=fmtp:96 x-google-min-bitrate=150\r\n');
    expect(out).toContain('a=fmtp:97 apt=96\r\n');
    expect(out).toContain('a=fmtp:102 level-asymmetry-allowed=1;profile-level-id=42e01f;x-google-min-bitrate=150\r\n');
    expect(out).toContain('a=fmtp:111 minptime=10;useinbandfec=1\r\n');
    expect(withVideoFloor(out)).toBe(out);
  });

  test('a link is poor on loss ≥ 2 %, RTT ≥ 250 ms, under 10 fps or under 270 lines; fine otherwise', () => {
    const good = {
      at: '2026-05-06T02:00:00Z',
      bitrateKbps: 600,
      packetLossPct: 0.5,
      fps: 15,
      rttMs: 60,
      frameWidth: 640,
      frameHeight: 360,
    };
    expect(linkIsPoor(good)).toBe(false);
    expect(linkIsPoor(null)).toBe(false);
    expect(poorLinkReasons({ ...good, packetLossPct: 3 })).toEqual(['loss']);
    expect(poorLinkReasons({ ...good, packetLossPct: 2 })).toEqual(['loss']);
    expect(poorLinkReasons({ ...good, packetLossPct: 1.9 })).toEqual([]);
    expect(poorLinkReasons({ ...good, rttMs: 420 })).toEqual(['rtt']);
    expect(poorLinkReasons({ ...good, rttMs: 250 })).toEqual(['rtt']);
    expect(poorLinkReasons({ ...good, rttMs: 150 })).toEqual([]);
    expect(poorLinkReasons({ ...good, fps: 0 })).toEqual(['fps']);
    expect(poorLinkReasons({ ...good, frameWidth: 320, frameHeight: 180, fps: 7 })).toEqual(['fps', 'size']);
    expect(poorLinkReasons({ ...good, rttMs: null })).toEqual([]);
  });
});

// What a WebRTC peer (simple-peer 9.11, node_modules/simple-peer/index.js) really emits
// as its `signal` event, and nothing else: the store relays only these, and each
// terminal hands only these to its peer connection. Sizes are generous for real
// SDP (a Chromium offer with audio and video is 5–10 KB) and far below the relay's
// message limit; strict objects, so no extra key (e.g. `__proto__`) passes through.
import { z } from 'zod';

export const MAX_SDP_CHARS = 48 * 1024;
export const MAX_CANDIDATE_CHARS = 1024;

const sdpMid = z.string().max(64).nullable();
const sdpMLineIndex = z.number().int().min(0).max(1023).nullable();

/** createOffer / createAnswer: `{type, sdp}`. */
const description = z
  .object({
    type: z.enum(['offer', 'answer']),
    sdp: z.string().min(1, 'SDP 不能为空').max(MAX_SDP_CHARS, `SDP 过长（至多 ${MAX_SDP_CHARS} 个字符）`),
  })
  .strict();

/** Trickle ICE: `{type: 'candidate', candidate: {candidate, sdpMLineIndex, sdpMid}}` (an empty string ends a generation). */
const candidate = z
  .object({
    type: z.literal('candidate'),
    candidate: z
      .object({
        candidate: z.string().max(MAX_CANDIDATE_CHARS, `ICE 候选过长（至多 ${MAX_CANDIDATE_CHARS} 个字符）`),
        sdpMid: sdpMid.optional(),
        sdpMLineIndex: sdpMLineIndex.optional(),
        usernameFragment: z.string().max(256).nullable().optional(),
      })
      .strict(),
  })
  .strict();

/** The non-initiator asks the initiator to renegotiate. */
const renegotiate = z.object({ type: z.literal('renegotiate'), renegotiate: z.literal(true) }).strict();

/** The non-initiator asks the initiator for a transceiver (simple-peer's addTransceiver). */
const transceiverRequest = z
  .object({
    type: z.literal('transceiverRequest'),
    transceiverRequest: z
      .object({
        kind: z.enum(['audio', 'video']),
        init: z
          .object({
            direction: z.enum(['sendrecv', 'sendonly', 'recvonly', 'inactive']).optional(),
            sendEncodings: z
              .array(
                z
                  .object({
                    active: z.boolean().optional(),
                    rid: z.string().max(16).optional(),
                    maxBitrate: z.number().int().nonnegative().max(100_000_000).optional(),
                    maxFramerate: z.number().nonnegative().max(240).optional(),
                    scaleResolutionDownBy: z.number().min(1).max(64).optional(),
                  })
                  .strict(),
              )
              .max(4)
              .optional(),
          })
          .strict()
          .optional(),
      })
      .strict(),
  })
  .strict();

export const rtcSignalSchema = z.discriminatedUnion('type', [description, candidate, renegotiate, transceiverRequest]);
export type RtcSignal = z.infer<typeof rtcSignalSchema>;

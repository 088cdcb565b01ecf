// Issue #23 item 1: the store's half of coturn's shared-secret scheme, from its environment.
import { createHmac } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { iceConfigFromEnv } from '../../../../src-server/signaling/ice-config';
import {
  DEFAULT_TURN_TTL_SECONDS,
  iceForVisit,
  mintTurnCredential,
  turnSecretFromEnv,
} from '../../../../src-server/signaling/turn-credentials';

const ENV = {
  SIGNAL_TURN_URLS: 'turn:turn.yn.example:3478?transport=udp, turns:turn.yn.example:5349',
  SIGNAL_TURN_SECRET: 'a-shared-secret-of-32-characters',
};

describe('issue #23 item 1: TURN credentials minted per visit', () => {
  test('username is expiry:visitId and the password the base64 HMAC-SHA1 of it under the secret', () => {
    const turn = turnSecretFromEnv(ENV);
    expect(turn).toEqual({
      urls: ['turn:turn.yn.example:3478?transport=udp', 'turns:turn.yn.example:5349'],
      secret: ENV.SIGNAL_TURN_SECRET,
      ttlSeconds: DEFAULT_TURN_TTL_SECONDS,
    });
    if (!turn) throw new Error('no turn');
    const now = Date.UTC(2026, 11, 7, 2, 0, 0);
    const server = mintTurnCredential(turn, 'visit-1', now);
    expect(server.username).toBe(`${now / 1000 + DEFAULT_TURN_TTL_SECONDS}:visit-1`);
    expect(server.credential).toBe(
      createHmac('sha1', ENV.SIGNAL_TURN_SECRET)
        .update(server.username ?? '')
        .digest('base64'),
    );
    // Another visit, or a later join, gets another credential.
    expect(mintTurnCredential(turn, 'visit-2', now).credential).not.toBe(server.credential);
    expect(mintTurnCredential(turn, 'visit-1', now + 1000).username).not.toBe(server.username);
  });

  test('the joining terminal gets the static servers plus its minted one; relay needs no static TURN then', () => {
    const turn = turnSecretFromEnv(ENV);
    const base = iceConfigFromEnv(
      { ...ENV, SIGNAL_ICE_SERVERS: '[{"urls":"stun:stun.yn.example"}]', SIGNAL_ICE_TRANSPORT_POLICY: 'relay' },
      true,
    );
    const ice = iceForVisit(base, turn, 'visit-1', Date.now());
    expect(ice.iceTransportPolicy).toBe('relay');
    expect(ice.iceServers.map((s) => s.urls)).toEqual(['stun:stun.yn.example', turn?.urls]);
    expect(() => iceConfigFromEnv({ SIGNAL_ICE_TRANSPORT_POLICY: 'relay' }, false)).toThrow('SIGNAL_TURN_SECRET');
  });

  test('bad settings stop the store with a Chinese sentence; none set means no minting', () => {
    expect(turnSecretFromEnv({})).toBeNull();
    expect(() => turnSecretFromEnv({ SIGNAL_TURN_URLS: 'turn:x:3478' })).toThrow('缺少 SIGNAL_TURN_SECRET');
    expect(() => turnSecretFromEnv({ SIGNAL_TURN_SECRET: ENV.SIGNAL_TURN_SECRET })).toThrow('缺少 SIGNAL_TURN_URLS');
    expect(() => turnSecretFromEnv({ ...ENV, SIGNAL_TURN_SECRET: 'short' })).toThrow('至少 16 个字符');
    expect(() => turnSecretFromEnv({ ...ENV, SIGNAL_TURN_URLS: 'http://turn.yn.example' })).toThrow('turn: 或 turns:');
    expect(() => turnSecretFromEnv({ ...ENV, SIGNAL_TURN_TTL_SECONDS: '60' })).toThrow('TURN 共享密钥配置无效');
    expect(() => turnSecretFromEnv({ ...ENV, SIGNAL_TURN_TTL_SECONDS: '1h' })).toThrow('须为整数秒');
  });
});

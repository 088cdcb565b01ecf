// Issue #19 at the terminal, pure: the monitoring centre's observer is announced (R13.1,
// shown in the call state and audited once, R26.1), its signals go only to a stream main
// knows, and its warning (R16.1) or termination (R17.1) is carried out by this terminal's
// own call machine, attributed to that officer; a bad code is refused and audited (R22.1).
import { describe, expect, test } from 'vitest';
import { CallMachine, MINUTE_MS } from '../../../src-main/call/call-machine';
import { relayEffects } from '../../../src-main/call/peer-messages';
import { MAX_OBSERVERS } from '../../../src-main/call/observers';
import type { ServerMessage } from '../../../src-shared/signaling/protocol';
import { serverMessageSchema } from '../../../src-shared/signaling/protocol';

const T0 = Date.parse('2026-05-06T02:00:00Z');
const OBS = '00000000-0000-4000-8000-0000000000a1';
const officer = { staffId: 'S-9', name: '李督察', organisation: '云南省司法厅' };

function running(): CallMachine {
  const m = new CallMachine({
    visitId: 'V-1',
    side: 'visitor',
    allowedMs: 30 * MINUTE_MS,
    graceMs: 60_000,
    renegotiateMs: 4_000,
    iceServers: [],
    inmateName: '张建国',
    visitors: [],
  });
  m.presence(true);
  m.localMediaReady(T0);
  m.peerSaysReady(T0);
  m.media(1, 'connected', T0);
  expect(m.phase).toBe('in-progress');
  return m;
}
const joined: ServerMessage = { type: 'observer', observerId: OBS, state: 'joined', by: officer };
const snap = (m: CallMachine) => m.snapshot(T0 + 1000, { suspensionProposable: false });

describe('issue #19: observers at the terminal', () => {
  test('R13.1 an observer joins: listed in the call state with an epoch, audited once; announced again only a new epoch', () => {
    const m = running();
    const first = relayEffects(m, joined, T0);
    expect(first).toEqual([
      {
        do: 'audit',
        kind: 'call.observerJoined',
        actor: 'system',
        payload: {
          visitId: 'V-1',
          requirement: 'R13.1',
          observerId: OBS,
          staffId: 'S-9',
          by: '李督察',
          organisation: '云南省司法厅',
        },
      },
      { do: 'publish' },
    ]);
    expect(snap(m).observers).toEqual([
      { observerId: OBS, name: '李督察', organisation: '云南省司法厅', since: new Date(T0).toISOString(), epoch: 1 },
    ]);
    // The store announces it again after this terminal reconnected: a new stream, no new audit entry.
    expect(relayEffects(m, joined, T0 + 5000)).toEqual([{ do: 'publish' }]);
    expect(snap(m).observers[0]?.epoch).toBe(2);

    const left = relayEffects(m, { ...joined, state: 'left' }, T0 + 9000);
    expect(left[0]).toMatchObject({ do: 'audit', kind: 'call.observerLeft', payload: { observerId: OBS, by: '李督察' } });
    expect(snap(m).observers).toEqual([]);
    expect(relayEffects(m, { ...joined, state: 'left' }, T0 + 9000)).toEqual([]); // once
  });

  test('signals reach the window only for an announced observer; the number of streams is capped', () => {
    const m = running();
    const signal: ServerMessage = { type: 'observer-signal', observerId: OBS, data: { type: 'answer', sdp: 'v=0' } };
    expect(relayEffects(m, signal, T0)).toEqual([]);
    relayEffects(m, joined, T0);
    expect(relayEffects(m, signal, T0)).toEqual([{ do: 'observer-rtc', observerId: OBS, data: { type: 'answer', sdp: 'v=0' } }]);
    for (let i = 0; i < MAX_OBSERVERS + 2; i++)
      relayEffects(m, { ...joined, observerId: `00000000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}` }, T0);
    expect(snap(m).observers).toHaveLength(MAX_OBSERVERS);
  });

  test('R16.1 an observer warning: a banner attributed to the officer and the monitoring centre, audited with the code', () => {
    const m = running();
    relayEffects(m, joined, T0);
    const effects = relayEffects(
      m,
      {
        type: 'observer-act',
        observerId: OBS,
        act: { action: 'warn', code: 'R16.1(4)' },
        by: officer,
        at: '2026-05-06T02:01:00Z',
      },
      T0 + 60_000,
    );
    expect(effects[0]).toMatchObject({
      do: 'audit',
      kind: 'call.observerWarning',
      payload: { requirement: 'R16.1', code: 'R16.1(4)', reason: '谈论不利于罪犯改造事项', by: '李督察', staffId: 'S-9' },
    });
    // Both terminals get it from the store: nothing is passed on to the other side.
    expect(effects.some((e) => e.do === 'control')).toBe(false);
    const notice = snap(m).notices.at(-1);
    expect(notice).toMatchObject({ kind: 'warning', code: 'R16.1(4)', by: '李督察（云南省司法厅·监控中心）', origin: 'remote' });
    expect(m.phase).toBe('in-progress');
  });

  test('R17.1 an observer termination ends the call here, attributed to the officer; R22.1 "other" without text is refused', () => {
    const m = running();
    relayEffects(m, joined, T0);
    const refused = relayEffects(
      m,
      { type: 'observer-act', observerId: OBS, act: { action: 'terminate', code: 'other' }, by: officer, at: 'x' },
      T0,
    );
    expect(refused).toEqual([expect.objectContaining({ kind: 'call.observerActionRefused' })]);
    expect(m.phase).toBe('in-progress');

    const effects = relayEffects(
      m,
      { type: 'observer-act', observerId: OBS, act: { action: 'terminate', code: 'R17.1(8)' }, by: officer, at: 'x' },
      T0 + 120_000,
    );
    expect(effects[0]).toMatchObject({
      do: 'finish',
      kind: 'call.terminated',
      payload: { requirement: 'R17.1', code: 'R17.1(8)', origin: 'observer', by: '李督察', organisation: '云南省司法厅' },
    });
    expect(m.phase).toBe('ended');
    expect(m.outcome).toBe('terminated');
    expect(snap(m).observers).toEqual([]);
    expect(snap(m).endReason).toEqual({
      code: 'R17.1(8)',
      text: expect.stringContaining('串供'),
      by: '李督察（云南省司法厅·监控中心）',
    });
  });

  test('the terminal accepts only well-formed observer messages from the store', () => {
    expect(serverMessageSchema.safeParse(joined).success).toBe(true);
    expect(serverMessageSchema.safeParse({ ...joined, by: { ...officer, extra: 1 } }).success).toBe(false);
    expect(
      serverMessageSchema.safeParse({
        type: 'observer-act',
        observerId: OBS,
        act: { action: 'warn', code: 'R17.1(8)' },
        by: officer,
        at: 'x',
      }).success,
    ).toBe(false); // a warning takes an R16.1 code
    expect(serverMessageSchema.safeParse({ type: 'observer-signal', observerId: OBS, data: { type: 'bogus' } }).success).toBe(
      false,
    );
  });
});

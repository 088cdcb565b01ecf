// Issue #20 item 3: a wall tile's observer socket closed by a draining store node (4503)
// observes again at once (main opens a new socket, through the load balancer to another
// node); any other close ends the watch and shows the store's reason.
import { describe, expect, test } from 'vitest';
import { ObserverWatch } from '../../../../src-renderer/desk/monitor/observer-watch';
import { createKioskClient } from '../../../../src-renderer/kiosk-client';
import { CLOSE } from '../../../../src-shared/signaling/protocol';
import { defaultAnswers, fakeKiosk, ok } from '../fake-kiosk';

const VISIT = '6f1c1b8e-3f43-4c59-9b52-2a4a0c0f8a11';
const welcome = { observerId: 'o1', sides: ['inmate', 'visitor'], ice: { iceServers: [], iceTransportPolicy: 'all' } };

async function watching() {
  const fake = fakeKiosk({
    ...defaultAnswers(),
    'desk.observe': ok({ accepted: true, value: welcome }),
    'desk.unobserve': ok({ accepted: true, value: null }),
  });
  const closed: string[] = [];
  const watch = new ObserverWatch(createKioskClient(fake.api), VISIT, {
    onStream: () => undefined,
    onClosed: (reason) => closed.push(reason),
  });
  await watch.start();
  const observes = () => fake.calls.filter((c) => c.method === 'desk.observe').length;
  return { fake, watch, closed, observes };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('issue #20: the observer follows a draining node', () => {
  test('4503: observes again, the tile is not closed', async () => {
    const { fake, watch, closed, observes } = await watching();
    expect(observes()).toBe(1);
    fake.emit('desk.observer', {
      visitId: VISIT,
      message: { type: 'closed', code: CLOSE.NODE_DRAINING, reason: '本节点正在停止' },
    });
    await tick();
    expect(observes()).toBe(2);
    expect(closed).toEqual([]);
    watch.stop();
  });

  test('any other close (revoked): the tile shows the reason and observes no more', async () => {
    const { fake, watch, closed, observes } = await watching();
    fake.emit('desk.observer', {
      visitId: VISIT,
      message: { type: 'closed', code: CLOSE.REVOKED, reason: '账号已停用，连接已关闭' },
    });
    await tick();
    expect(observes()).toBe(1);
    expect(closed).toEqual(['账号已停用，连接已关闭']);
    watch.stop();
  });
});

// R18.1: a terminal window reloaded mid-visit goes straight back to the call (which then
// rejoins); a finished call, or a failed look-up, leaves start-up as it was.
import { describe, expect, test } from 'vitest';
import { boot } from '../../../src-renderer/app/boot';
import { createKioskClient } from '../../../src-renderer/kiosk-client';
import { createKioskStore } from '../../../src-renderer/store';
import { nextScreen } from '../../../src-renderer/store/screen-slice';
import { defaultAnswers, fakeKiosk, ok } from '../renderer/fake-kiosk';

const live = (phase: string) => ({ visitId: 'V-1', phase });

async function booted(current: unknown) {
  const fake = fakeKiosk({ ...defaultAnswers(), 'call.current': ok(current) });
  const store = createKioskStore();
  await boot('terminal', { client: createKioskClient(fake.api), store, today: '2026-05-06', setLanguage: async () => undefined });
  return store.getState();
}

describe('R18.1 a reloaded window returns to the live call', () => {
  test('start-up with a live call (reconnecting) shows the call screen with its state', async () => {
    const s = await booted(live('reconnecting'));
    expect(s.screen).toEqual({ name: 'call', visitId: 'V-1' });
    expect(s.call).toMatchObject({ visitId: 'V-1', phase: 'reconnecting' });
  });

  test('an ended call, no call, or a failing look-up leave the idle screen', async () => {
    expect((await booted(live('ended'))).screen).toEqual({ name: 'idle' });
    expect((await booted(null)).screen).toEqual({ name: 'idle' });
    const fake = fakeKiosk(defaultAnswers()); // no call namespace at all
    const store = createKioskStore();
    await boot('terminal', {
      client: createKioskClient(fake.api),
      store,
      today: '2026-05-06',
      setLanguage: async () => undefined,
    });
    expect(store.getState().screen).toEqual({ name: 'idle' });
  });

  test("the resume event leads to the call only from idle, login and the administrators' screens", () => {
    const event = { type: 'call-resumed', visitId: 'V-1' } as const;
    expect(nextScreen({ name: 'idle' }, event)).toEqual({ name: 'call', visitId: 'V-1' });
    expect(nextScreen({ name: 'readiness', visitId: 'V-1' }, event)).toEqual({ name: 'call', visitId: 'V-1' });
    expect(nextScreen({ name: 'starting' }, event)).toEqual({ name: 'starting' });
    expect(nextScreen({ name: 'call', visitId: 'V-2' }, event)).toEqual({ name: 'call', visitId: 'V-2' });
  });
});

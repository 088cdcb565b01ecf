// Runs one visit-day call and puts its answer in the store: the new roster, and the
// refusal (requirement id + zh-CN sentence from main) or none. A failed call is shown the
// same way, so the administrator always sees why nothing happened.
import { chinaClock } from '../../../src-shared/calendar/china-time';
import { KioskCallError } from '../../kiosk-client';
import type { Refusal, Roster } from '../../kiosk-types';
import { kioskStore } from '../../store';

type Outcome = { accepted: boolean; roster: Roster; refusal?: Refusal; person?: { name: string } | null };

export async function runStep(call: () => Promise<Outcome>): Promise<boolean> {
  const s = kioskStore.getState();
  try {
    const outcome = await call();
    s.setRoster(outcome.roster);
    s.setLastRefusal(outcome.accepted || !outcome.refusal ? null : { ...outcome.refusal, person: outcome.person?.name ?? null });
    return outcome.accepted;
  } catch (error) {
    const message = error instanceof KioskCallError ? error.message : String(error);
    s.setLastRefusal({ requirement: null, code: 'call-failed', message, person: null });
    return false;
  }
}

/** China-time HH:MM of an ISO instant (the terminal runs in China; the UI shows wall-clock time). */
export const hhmm = (iso: string): string => chinaClock(new Date(iso));

/** "530102199003071238" → "5301**********1238": enough for staff to compare with the card. */
export const maskDocument = (n: string): string =>
  n.length <= 8 ? n : `${n.slice(0, 4)}${'*'.repeat(n.length - 8)}${n.slice(-4)}`;

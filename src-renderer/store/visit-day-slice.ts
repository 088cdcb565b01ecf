// The visit being prepared: its roster, what still blocks the start, and the
// latest refusal with its requirement id, shown until the next step.
import type { Readiness, Refusal, Roster } from '../kiosk-types';
import type { SliceCreator } from './state';

/** A refusal plus whom it was about (the card's holder), for the banner. */
export interface ShownRefusal extends Refusal {
  person: string | null;
}

export interface VisitDaySlice {
  roster: Roster | null;
  readiness: Readiness | null;
  lastRefusal: ShownRefusal | null;
  setRoster(roster: Roster): void;
  setReadiness(readiness: Readiness): void;
  setLastRefusal(refusal: ShownRefusal | null): void;
}

export const createVisitDaySlice: SliceCreator<VisitDaySlice> = (set) => ({
  roster: null,
  readiness: null,
  lastRefusal: null,
  setRoster: (roster) => set({ roster }),
  setReadiness: (readiness) => set({ readiness }),
  setLastRefusal: (lastRefusal) => set({ lastRefusal }),
});

// The arrangements form's draft: numbers as typed, hours as rows, days as a set; turned
// into what the store takes. Pure; the store checks R14.2's ceiling and says which field.
import type { ArrangementsRecord } from '../../kiosk-types';

type Window = { start: string; end: string };
export interface LimitsDraft {
  visitsPerMonth: string;
  maxMinutes: string;
  maxVisitors: string;
}
export interface ArrangementsDraft {
  adult: LimitsDraft;
  juvenile: LimitsDraft;
  visitingHours: Window[];
  visitingDays: number[];
  rooms: { roomId: string; name: string; visitingHours: Window[]; visitingDays: number[] }[];
}

const limitsDraft = (l: ArrangementsRecord['adult']): LimitsDraft => ({
  visitsPerMonth: String(l.visitsPerMonth),
  maxMinutes: String(l.maxMinutes),
  maxVisitors: String(l.maxVisitors),
});

export function toDraft(r: ArrangementsRecord): ArrangementsDraft {
  return {
    adult: limitsDraft(r.adult),
    juvenile: limitsDraft(r.juvenile),
    visitingHours: r.visitingHours.map((w) => ({ ...w })),
    visitingDays: [...r.visitingDays],
    rooms: r.rooms.map((room) => ({ ...room, visitingHours: room.visitingHours.map((w) => ({ ...w })) })),
  };
}

const limits = (l: LimitsDraft) => ({
  visitsPerMonth: Number(l.visitsPerMonth),
  maxMinutes: Number(l.maxMinutes),
  maxVisitors: Number(l.maxVisitors),
});

export function toBody(d: ArrangementsDraft) {
  return {
    adult: limits(d.adult),
    juvenile: limits(d.juvenile),
    visitingHours: d.visitingHours,
    visitingDays: [...d.visitingDays].sort((a, b) => a - b),
    rooms: d.rooms.map(({ roomId, visitingHours, visitingDays }) => ({
      roomId,
      visitingHours,
      visitingDays: [...visitingDays].sort((a, b) => a - b),
    })),
  };
}

export const toggleDay = (days: number[], day: number): number[] =>
  days.includes(day) ? days.filter((d) => d !== day) : [...days, day];

// What waits for me, overdue first, then by due date (R14.1); the store sorts the same
// way, this keeps the order after a local refresh.
import type { QueueItem } from '../../kiosk-types';

export const sortQueue = (items: readonly QueueItem[]): QueueItem[] =>
  [...items].sort(
    (a, b) =>
      Number(b.step.overdue) - Number(a.step.overdue) ||
      a.step.dueOn.localeCompare(b.step.dueOn) ||
      a.step.receivedOn.localeCompare(b.step.receivedOn),
  );

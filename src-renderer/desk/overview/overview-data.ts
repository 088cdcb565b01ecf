// What the overview shows (R29.1), as plain data the charts take: one
// place maps the central store's overview answer onto it (from-overview.ts).
export interface DayCount {
  /** YYYY-MM-DD */
  date: string;
  count: number;
}

export type OutcomeKind = 'completed' | 'forfeited' | 'interrupted' | 'terminated';
export const OUTCOME_KINDS: readonly OutcomeKind[] = ['completed', 'forfeited', 'interrupted', 'terminated'];

export interface LabelledCount {
  /** Stable key (a reason code, a step kind, a site id). */
  key: string;
  label: string;
  count: number;
}

export interface TerminalSync {
  terminalId: string;
  siteName: string;
  roomName: string;
  /** ISO-8601, or null when the terminal never synced. */
  lastSyncAt: string | null;
  /** Events and recordings not yet at the central store. */
  backlog: number;
}

export interface OverviewData {
  from: string;
  to: string;
  visitsPerDay: DayCount[];
  visitsPerSite: LabelledCount[];
  outcomes: Record<OutcomeKind, number>;
  /** R16.1/R17.1 reasons of the terminated (and interrupted) visits. */
  terminationReasons: LabelledCount[];
  /** Open review steps past their due date, by step (R14.1). */
  overdueSteps: LabelledCount[];
  terminals: TerminalSync[];
}

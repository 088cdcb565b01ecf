// The values the renderer receives from main, named once from the contract's schemas
// (type-only imports: no zod code reaches the renderer bundle).
import type { z } from 'zod';
import type {
  adminSessionSchema,
  auditEntrySchema,
  readinessSchema,
  refusalSchema,
  rosterSchema,
  siteInfoSchema,
  storeHealthSchema,
  syncStatusSchema,
  visitStatusSchema,
  visitSummarySchema,
} from '../src-shared/ipc/contract';
import type { siteSchema } from '../src-shared/desk';
import type { rolloutSchema } from '../src-shared/store-api/endpoints/updates';

export type SiteInfo = z.infer<typeof siteInfoSchema>;
export type AdminSession = z.infer<typeof adminSessionSchema>;
export type VisitSummary = z.infer<typeof visitSummarySchema>;
export type VisitStatus = z.infer<typeof visitStatusSchema>;
export type SyncStatus = z.infer<typeof syncStatusSchema>;
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type StoreHealth = z.infer<typeof storeHealthSchema>;
export type Language = SiteInfo['language'];
export type Roster = z.infer<typeof rosterSchema>;
export type RosterVisitor = Roster['visitors'][number];
export type Refusal = z.infer<typeof refusalSchema>;
export type Readiness = z.infer<typeof readinessSchema>;

// Desk mode: the desk contract's values (src-shared/desk), and the desk's views.
export type {
  ApplicationPreview,
  ApplicationRecord,
  ApplicationSummary,
  CardIdentity,
  DeskOutcome,
  DeskRefusal,
  DeskStaff,
  InmateRecord,
  InmateSummary,
  Overview,
  QueueItem,
  StepRecord,
  VisitRecord,
} from '../src-shared/desk';
export type DeskSite = z.infer<typeof siteSchema>;
export type { ArrangementsRecord } from '../src-shared/store-api/endpoints/arrangements';
export type DeskView =
  | { name: 'queue' }
  | { name: 'applications' }
  | { name: 'intake' }
  | { name: 'application'; applicationId: string }
  | { name: 'print'; applicationId: string; what: 'form' | 'notice' }
  | { name: 'visits' }
  | { name: 'inmates' }
  | { name: 'overview' }
  | { name: 'recordings' }
  | { name: 'recording'; visitId: string }
  | { name: 'recordingsAudit' }
  | { name: 'fleet' }
  | { name: 'terminal'; terminalId: string }
  | { name: 'updates' }
  | { name: 'arrangements' }
  /** Issue #19: the monitoring centre (supervisors, wardens, administrators). */
  | { name: 'monitor' };

// The fleet (issue 18): the store's answers as the desk relays them.
export type { FleetHistoryPoint, FleetTerminal } from '../src-shared/store-api/endpoints/fleet';
export type { LogRequestView } from '../src-shared/store-api/endpoints/logs';
export type { BuildView, RolloutTarget } from '../src-shared/store-api/endpoints/updates';
export type Rollout = z.infer<typeof rolloutSchema>;

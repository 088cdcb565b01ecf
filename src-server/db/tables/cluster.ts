// Cluster state (migration 0020; issue #20 items 3 and 4).
// Row types, one interface per table; conventions in ../schema.ts.
import type { Generated } from 'kysely';

// ── Cluster state (migration 0020; issue #20 items 3 and 4). Times are epoch ms (bigint: a string from pg).
/** Written by cluster/leader-lease.ts only. */
export interface ClusterLeasesTable {
  name: string;
  holder: string;
  expires_at_ms: number | string;
}

/** Written by cluster/job-runs.ts only. */
export interface ScheduledJobRunsTable {
  name: string;
  last_run_ms: number | string;
  last_node: string;
  runs: number;
}

/** Written by signaling/live-registry.ts only. */
export interface StoreNodesTable {
  id: string;
  seen_at_ms: number | string;
}

/** Written by signaling/live-registry.ts only. */
export interface RelayMembersTable {
  node_id: string;
  visit_id: string;
  member: string;
}

/** Written by signaling/live-registry.ts only. */
export interface LiveVisitFactsTable {
  visit_id: string;
  started_at_ms: number | string | null;
  warnings: number;
  relayed_inmate: Generated<number>;
  relayed_visitor: Generated<number>;
  touched_at_ms: number | string;
}

export interface ClusterTables {
  cluster_leases: ClusterLeasesTable;
  scheduled_job_runs: ScheduledJobRunsTable;
  store_nodes: StoreNodesTable;
  relay_members: RelayMembersTable;
  live_visit_facts: LiveVisitFactsTable;
}

// Row types of the central store, one interface per table.
// One representation on both engines (see README "Storage"):
//  - ids: UUID text; timestamps: ISO-8601 UTC text ('2026-03-01T08:00:00.000Z',
//    sorts as it reads); calendar dates: 'YYYY-MM-DD' text (China Standard Time);
//  - booleans: integer 0/1; lists: JSON text.
// One file per area under tables/; Database is their union (kysely's table map).
import type { OrganisationTables } from './tables/organisations';
import type { SyncTables } from './tables/sync';
import type { ApplicationTables } from './tables/applications';
import type { RecordingTables } from './tables/recordings';
import type { OversightTables } from './tables/oversight';
import type { FleetTables } from './tables/fleet';
import type { FamilyTables } from './tables/family';
import type { ClusterTables } from './tables/cluster';

export type * from './tables/organisations';
export type * from './tables/sync';
export type * from './tables/applications';
export type * from './tables/recordings';
export type * from './tables/oversight';
export type * from './tables/fleet';
export type * from './tables/family';
export type * from './tables/cluster';

export interface Database
  extends
    OrganisationTables,
    SyncTables,
    ApplicationTables,
    RecordingTables,
    OversightTables,
    FleetTables,
    FamilyTables,
    ClusterTables {}

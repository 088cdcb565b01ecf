// THE migration list, used for SQLite and PostgreSQL alike. Append only: a
// migration that has run on any installation is never edited. Names sort in order.
import type { Migration } from 'kysely';
import * as m0001 from './0001-organisations-and-staff';
import * as m0002 from './0002-terminals';
import * as m0003 from './0003-inmates-and-visitors';
import * as m0004 from './0004-applications-and-visits';
import * as m0005 from './0005-sync-and-signaling';
import * as m0006 from './0006-uploads';
import * as m0007 from './0007-visit-outcome-reasons';
import * as m0008 from './0008-suspension-proposals';
import * as m0009 from './0009-alarms-and-staff-audit';
import * as m0010 from './0010-terminal-keys';
import * as m0011 from './0011-terminal-logs';
import * as m0012 from './0012-terminal-updates';
import * as m0013 from './0013-terminal-heartbeats';
import * as m0014 from './0014-recording-access';
import * as m0015 from './0015-inmate-home-address';
import * as m0016 from './0016-status-lookups';
import * as m0017 from './0017-recordings-purged';
import * as m0018 from './0018-visit-languages-and-arrangements';
import * as m0019 from './0019-proof-scans';
import * as m0020 from './0020-cluster-state';
import * as m0021 from './0021-notifications';

export const migrations: Record<string, Migration> = {
  '0001-organisations-and-staff': m0001,
  '0002-terminals': m0002,
  '0003-inmates-and-visitors': m0003,
  '0004-applications-and-visits': m0004,
  '0005-sync-and-signaling': m0005,
  '0006-uploads': m0006,
  '0007-visit-outcome-reasons': m0007,
  '0008-suspension-proposals': m0008,
  '0009-alarms-and-staff-audit': m0009,
  '0010-terminal-keys': m0010,
  '0011-terminal-logs': m0011,
  '0012-terminal-updates': m0012,
  '0013-terminal-heartbeats': m0013,
  '0014-recording-access': m0014,
  '0015-inmate-home-address': m0015,
  '0016-status-lookups': m0016,
  '0017-recordings-purged': m0017,
  '0018-visit-languages-and-arrangements': m0018,
  '0019-proof-scans': m0019,
  '0020-cluster-state': m0020,
  '0021-notifications': m0021,
};

// The audit log's public surface.
export {
  appendAudit,
  verifyAuditChain,
  recentAuditEntries,
  visitAuditEntries,
  auditEntriesAfter,
  auditCount,
  hashAuditEvent,
} from './audit-log';
export type { AuditEvent, AuditEntry, ChainVerdict } from './audit-log';
export { canonicalJson, type JsonObject, type JsonValue } from '../../src-shared/audit/canonical-json';

// The sync worker's small state in the kv table: all of it survives a restart.
export const SYNC_KV = {
  visitsCursor: 'sync.visitsCursor',
  staff: 'sync.staff',
  importedDigest: 'sync.importedDigest',
  chainId: 'sync.chainId',
  pushedSeq: 'sync.pushedSeq',
  alarm: 'sync.alarm',
  failures: 'sync.failures',
  config: 'sync.config',
  configCursor: 'sync.configCursor',
  /** The log bundle being sent (request, file, hash, size, tus URL), so a restart resumes it. */
  logBundle: 'sync.logBundle',
} as const;

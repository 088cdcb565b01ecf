// The update tables' one writer and their reads: builds with their files, rollouts, and the
// newest build a rollout offers to one terminal.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context';
import type { BuildView, RolloutTarget } from '../../../src-shared/store-api/endpoints/updates';
import type { UpdateTarget } from '../../../src-shared/updates/build-signature';
import { conflict } from '../../http/api-error';
import { nowIso } from '../../clock';
import { compareVersions, reaches, type RolloutReach } from './rollout-match';

export interface NewBuild {
  version: string;
  channel: string;
  target: UpdateTarget;
  releaseNotes?: string | undefined;
  files: readonly { name: string; sha512: string; size: number }[];
  signature: string;
}

export interface StoredFile {
  name: string;
  sha512: string;
  size: number;
  storageKey: string | null;
}

export interface StoredBuild extends Omit<BuildView, 'files'> {
  signature: string;
  files: StoredFile[];
}

export async function createBuild(ctx: AppContext, staffId: string, input: NewBuild): Promise<StoredBuild> {
  const id = randomUUID();
  const now = nowIso(ctx.clock);
  await ctx.db.transaction().execute(async (tx) => {
    const existing = await tx
      .selectFrom('update_builds')
      .select('id')
      .where('channel', '=', input.channel)
      .where('target', '=', input.target)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (existing) throw conflict(`渠道 ${input.channel} 已有 ${input.target} 的 ${input.version} 版本`);
    await tx
      .insertInto('update_builds')
      .values({
        id,
        version: input.version,
        channel: input.channel,
        target: input.target,
        release_notes: input.releaseNotes ?? null,
        signature: input.signature,
        uploaded_by: staffId,
        created_at: now,
      })
      .execute();
    await tx
      .insertInto('update_build_files')
      .values(
        input.files.map((f) => ({
          build_id: id,
          name: f.name,
          sha512: f.sha512,
          size: f.size,
          storage_key: null,
          uploaded_at: null,
        })),
      )
      .execute();
  });
  const build = await findBuild(ctx, id);
  if (!build) throw new Error(`build ${id} vanished`);
  return build;
}

/** Records a file's matched bytes; false when another upload of the same file got there first. */
export async function recordFileStored(ctx: AppContext, buildId: string, name: string, storageKey: string): Promise<boolean> {
  const result = await ctx.db
    .updateTable('update_build_files')
    .set({ storage_key: storageKey, uploaded_at: nowIso(ctx.clock) })
    .where('build_id', '=', buildId)
    .where('name', '=', name)
    .where('storage_key', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findBuild(ctx: AppContext, id: string): Promise<StoredBuild | undefined> {
  const row = await ctx.db.selectFrom('update_builds').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const files = await ctx.db.selectFrom('update_build_files').selectAll().where('build_id', '=', id).orderBy('name').execute();
  return {
    id: row.id,
    version: row.version,
    channel: row.channel,
    target: row.target as UpdateTarget,
    releaseNotes: row.release_notes,
    signature: row.signature,
    uploadedBy: row.uploaded_by,
    createdAt: row.created_at,
    files: files.map((f) => ({ name: f.name, sha512: f.sha512, size: Number(f.size), storageKey: f.storage_key })),
    complete: files.length > 0 && files.every((f) => f.storage_key !== null),
  };
}

export const buildView = (b: StoredBuild): BuildView => ({
  id: b.id,
  version: b.version,
  channel: b.channel,
  target: b.target,
  releaseNotes: b.releaseNotes,
  files: b.files.map((f) => ({ name: f.name, sha512: f.sha512, size: f.size, uploaded: f.storageKey !== null })),
  complete: b.complete,
  uploadedBy: b.uploadedBy,
  createdAt: b.createdAt,
});

export async function listBuilds(ctx: AppContext, limit: number, offset: number): Promise<StoredBuild[]> {
  const rows = await ctx.db
    .selectFrom('update_builds')
    .select('id')
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();
  const builds = await Promise.all(rows.map((r) => findBuild(ctx, r.id)));
  return builds.filter((b): b is StoredBuild => b !== undefined);
}

export interface RolloutRow {
  id: string;
  buildId: string;
  version: string;
  target: RolloutTarget;
  startedBy: string;
  startedAt: string;
}

export async function createRollout(
  ctx: AppContext,
  staffId: string,
  build: StoredBuild,
  target: RolloutTarget,
): Promise<RolloutRow> {
  const row = {
    id: randomUUID(),
    build_id: build.id,
    target_kind: target.kind,
    terminal_ids: target.kind === 'terminals' ? JSON.stringify([...new Set(target.terminalIds)]) : null,
    percent: target.kind === 'percentage' ? target.percent : null,
    started_by: staffId,
    started_at: nowIso(ctx.clock),
  };
  await ctx.db.insertInto('update_rollouts').values(row).execute();
  return {
    id: row.id,
    buildId: build.id,
    version: build.version,
    target: reachOf(row),
    startedBy: staffId,
    startedAt: row.started_at,
  };
}

function reachOf(row: { target_kind: string; terminal_ids: string | null; percent: number | null }): RolloutTarget {
  if (row.target_kind === 'terminals')
    return { kind: 'terminals', terminalIds: JSON.parse(row.terminal_ids ?? '[]') as string[] };
  if (row.target_kind === 'percentage') return { kind: 'percentage', percent: Number(row.percent) };
  return { kind: 'all' };
}

export async function listRollouts(ctx: AppContext, limit: number, offset: number): Promise<RolloutRow[]> {
  const rows = await ctx.db
    .selectFrom('update_rollouts')
    .innerJoin('update_builds', 'update_builds.id', 'update_rollouts.build_id')
    .select([
      'update_rollouts.id',
      'update_rollouts.build_id',
      'update_builds.version',
      'target_kind',
      'terminal_ids',
      'percent',
      'started_by',
      'started_at',
    ])
    .orderBy('started_at', 'desc')
    .orderBy('update_rollouts.id')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    buildId: r.build_id,
    version: r.version,
    target: reachOf(r),
    startedBy: r.started_by,
    startedAt: r.started_at,
  }));
}

/** The newest complete build of the channel and target that a rollout offers this terminal. */
export async function offeredBuild(
  ctx: AppContext,
  terminalId: string,
  channel: string,
  target: UpdateTarget,
): Promise<StoredBuild | undefined> {
  const rows = await ctx.db
    .selectFrom('update_rollouts')
    .innerJoin('update_builds', 'update_builds.id', 'update_rollouts.build_id')
    .select(['update_builds.id', 'update_builds.version', 'target_kind', 'terminal_ids', 'percent'])
    .where('update_builds.channel', '=', channel)
    .where('update_builds.target', '=', target)
    .execute();
  const reached = rows
    .filter((r) => reaches(reachOf(r) as RolloutReach, terminalId))
    .sort((a, b) => compareVersions(b.version, a.version));
  const newest = reached[0];
  return newest ? findBuild(ctx, newest.id) : undefined;
}

/** Whether a rollout of this build reaches the terminal (the download's check). */
export async function buildReaches(ctx: AppContext, buildId: string, terminalId: string): Promise<boolean> {
  const rows = await ctx.db
    .selectFrom('update_rollouts')
    .select(['target_kind', 'terminal_ids', 'percent'])
    .where('build_id', '=', buildId)
    .execute();
  return rows.some((r) => reaches(reachOf(r) as RolloutReach, terminalId));
}

/**
 * The newest version a rollout offers each terminal, read once for a whole fleet list (any
 * channel and target: the fleet page asks "is this terminal behind what it was offered").
 */
export async function rolloutTargets(ctx: AppContext): Promise<(terminalId: string) => string | null> {
  const rows = await ctx.db
    .selectFrom('update_rollouts')
    .innerJoin('update_builds', 'update_builds.id', 'update_rollouts.build_id')
    .select(['update_builds.version', 'target_kind', 'terminal_ids', 'percent'])
    .execute();
  const offers = rows
    .map((r) => ({ version: r.version, reach: reachOf(r) as RolloutReach }))
    .sort((a, b) => compareVersions(b.version, a.version));
  return (terminalId) => offers.find((o) => reaches(o.reach, terminalId))?.version ?? null;
}

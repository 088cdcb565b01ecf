// Typed errors of the local store, each with a zh-CN message an administrator can act on.

/** The database was written by a newer build; opening it could damage data the newer code relies on. */
export class StoreVersionError extends Error {
  constructor(
    readonly path: string,
    readonly fileVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      `本地数据库 ${path} 的结构版本为 ${fileVersion}，而本程序只支持到版本 ${knownVersion}。` +
        '该数据库由较新版本的终端程序写入，为避免损坏数据，本程序拒绝打开，文件未做任何改动。请安装新版本的终端程序。',
    );
    this.name = 'StoreVersionError';
  }
}

/** A migration failed; the transaction was rolled back, so the database is as it was. */
export class MigrationError extends Error {
  constructor(
    readonly version: number,
    readonly migrationName: string,
    readonly fromVersion: number,
    cause: unknown,
  ) {
    super(
      `本地数据库升级失败：第 ${version} 步（${migrationName}）出错，已全部回滚，数据库仍为版本 ${fromVersion}。` +
        `原因：${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
    this.name = 'MigrationError';
  }
}

/** The store could not be opened for a reason other than damage (permissions, lock, disk). */
export class StoreOpenError extends Error {
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(`无法打开本地数据库 ${path}：${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'StoreOpenError';
  }
}

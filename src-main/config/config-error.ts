// A configuration file that cannot be used, reported field by field (zh-CN), so the
// installer can fix every problem in one pass instead of one per restart.

export interface ConfigIssue {
  /** Dotted path of the field, e.g. `site.kind`; `(文件)` for the file as a whole. */
  readonly field: string;
  readonly message: string;
}

export interface JsonPosition {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

export const FILE_FIELD = '(文件)';

export class ConfigError extends Error {
  constructor(
    readonly configPath: string,
    readonly issues: readonly ConfigIssue[],
    /** Where the JSON syntax error is, when the file is not valid JSON. */
    readonly position?: JsonPosition,
  ) {
    super(`终端配置文件 ${configPath} 有误：\n${issues.map((i) => `  - ${i.field}：${i.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

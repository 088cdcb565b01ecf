// Start-up decisions that need no Electron: where the configuration file is, and how a
// failure to open the terminal is told to the administrator (field by field).
import path from 'node:path';

export const CONFIG_ENV = 'KIOSK_CONFIG';
export const CONFIG_FILE_NAME = 'terminal.json';

/** `--config=PATH` wins, then $KIOSK_CONFIG, then <userData>/terminal.json. */
export function resolveConfigPath(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  userDataDir: string,
): string {
  for (let i = argv.length - 1; i >= 0; i -= 1) {
    const arg = argv[i] ?? '';
    if (arg.startsWith('--config=') && arg.length > '--config='.length) return path.resolve(arg.slice('--config='.length));
  }
  const fromEnv = env[CONFIG_ENV]?.trim();
  if (fromEnv) return path.resolve(fromEnv);
  return path.join(userDataDir, CONFIG_FILE_NAME);
}

/** The URL of the Vite dev server given by scripts/dev.mjs, if any. */
export const DEV_SERVER_ENV = 'KIOSK_DEV_SERVER_URL';

interface IssueLike {
  path?: unknown;
  message?: unknown;
  field?: unknown;
}

const issuePath = (issue: IssueLike): string => {
  const p = issue.path ?? issue.field;
  if (Array.isArray(p)) return p.map(String).join('.') || '(整个文件)';
  if (typeof p === 'string' && p) return p;
  return '(整个文件)';
};

const issuesOf = (error: unknown): IssueLike[] => {
  if (typeof error !== 'object' || error === null) return [];
  const candidate = (error as { issues?: unknown }).issues ?? (error as { cause?: { issues?: unknown } }).cause?.issues;
  return Array.isArray(candidate) ? candidate.filter((i): i is IssueLike => typeof i === 'object' && i !== null) : [];
};

const positionOf = (error: unknown): { line: number; column: number } | null => {
  const p =
    typeof error === 'object' && error !== null
      ? (error as { position?: { line?: unknown; column?: unknown } }).position
      : undefined;
  return p && typeof p.line === 'number' && typeof p.column === 'number' ? { line: p.line, column: p.column } : null;
};

export interface StartupErrorReport {
  title: string;
  body: string;
}

/**
 * Text of the dialog shown when the terminal cannot open. Errors that carry `issues`
 * (ConfigError: field + message; zod: path + message) are listed one field per line.
 */
export function describeStartupError(error: unknown, configPath: string): StartupErrorReport {
  const issues = issuesOf(error);
  const lines = [`配置文件：${configPath}`, ''];
  if (issues.length > 0) {
    // The error's message repeats the issues; list them once, one field per line.
    lines.push('需要修改的字段：');
    for (const issue of issues)
      lines.push(`  • ${issuePath(issue)}：${typeof issue.message === 'string' ? issue.message : '不正确'}`);
    const at = positionOf(error);
    if (at) lines.push('', `JSON 语法错误位置：第 ${at.line} 行，第 ${at.column} 列`);
  } else {
    lines.push(error instanceof Error ? error.message : String(error));
  }
  lines.push('', '请修改后重新启动终端。（The terminal could not start; fix the above and restart.）');
  return { title: '会见终端无法启动', body: lines.join('\n') };
}

// Reads, parses and validates the terminal's configuration file. Every problem is
// collected into one ConfigError; relative folders are resolved against the file's own
// folder, so a configuration works wherever the terminal is started from.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import { ConfigError, FILE_FIELD, type ConfigIssue } from './config-error';
import { locateJsonError } from './json-error-position';
import { terminalConfigSchema, type TerminalConfig } from './schema';

const issuesOf = (error: z.ZodError): ConfigIssue[] =>
  error.issues.flatMap((issue): ConfigIssue[] => {
    const at = issue.path.map(String).join('.');
    // One line per unknown key, named, so a typo like "retentionDay" is obvious.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: at ? `${at}.${key}` : key, message: '未知的配置项（是否拼写有误？）' }));
    }
    return [{ field: at || FILE_FIELD, message: issue.message }];
  });

function readText(configPath: string): string {
  try {
    return readFileSync(configPath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? '找不到配置文件'
        : code === 'EACCES'
          ? '没有读取配置文件的权限'
          : `无法读取配置文件（${code ?? String(error)}）`;
    throw new ConfigError(configPath, [{ field: FILE_FIELD, message: why }]);
  }
}

export function parseConfigText(text: string, configPath: string): TerminalConfig {
  // Notepad on Windows saves UTF-8 with a BOM; it is not part of the JSON.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (error) {
    const at = locateJsonError(body);
    const where = at ? `第 ${at.line} 行第 ${at.column} 列（字符位置 ${at.offset}）：${at.reason}` : (error as Error).message;
    const position = at ? { offset: at.offset, line: at.line, column: at.column } : undefined;
    throw new ConfigError(configPath, [{ field: FILE_FIELD, message: `不是合法的 JSON，${where}` }], position);
  }
  const parsed = terminalConfigSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(configPath, issuesOf(parsed.error));

  const base = dirname(configPath);
  const absolute = (p: string): string => (isAbsolute(p) ? p : resolve(base, p));
  const { ffmpegPath } = parsed.data;
  return {
    ...parsed.data,
    dataDir: absolute(parsed.data.dataDir),
    recordingDir: absolute(parsed.data.recordingDir),
    ...(ffmpegPath !== undefined ? { ffmpegPath: absolute(ffmpegPath) } : {}),
    configPath,
  };
}

/** Loads the configuration file at `configPath` (relative to the working folder). */
export function loadTerminalConfig(configPath: string): TerminalConfig {
  const path = resolve(configPath);
  return parseConfigText(readText(path), path);
}

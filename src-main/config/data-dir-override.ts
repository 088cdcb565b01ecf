// The data folder override of OpenTerminalOptions (tests, demo): a recording folder that
// lived inside the configured data folder moves with it, so a test never writes into the
// configured one; a recording folder elsewhere (another disk) stays where it is.
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { TerminalConfig } from './schema';

export function withDataDir(config: TerminalConfig, override: string | undefined): TerminalConfig {
  if (override === undefined) return config;
  const dataDir = resolve(override);
  const inside = relative(config.dataDir, config.recordingDir);
  const isInside = inside === '' || (inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside));
  return { ...config, dataDir, recordingDir: isInside ? join(dataDir, inside) : config.recordingDir };
}

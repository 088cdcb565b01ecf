// The terminal configuration's public surface.
export { loadTerminalConfig, parseConfigText } from './load';
export { ConfigError, type ConfigIssue, type JsonPosition } from './config-error';
export { terminalConfigSchema, MIN_RETENTION_DAYS, type TerminalConfig, type TerminalConfigFile } from './schema';
export { withDataDir } from './data-dir-override';

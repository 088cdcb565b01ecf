// A terminal's id: the one in its configuration file, hashed into every entry of
// its audit chain (R26.1), so the central store must know it by exactly that string.
// Not necessarily a UUID (site-room names such as ynjy01-room1 are readable on a site),
// but always a safe token: it travels in idempotency keys, URLs and log lines.
import { z } from 'zod';

export const TERMINAL_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const TERMINAL_ID_RULE = '终端编号只能由字母、数字、点、下划线和连字符组成，以字母或数字开头，不超过 64 个字符';

export const terminalIdSchema = z.string().regex(TERMINAL_ID_PATTERN, TERMINAL_ID_RULE);

export const isTerminalId = (value: string): boolean => TERMINAL_ID_PATTERN.test(value);

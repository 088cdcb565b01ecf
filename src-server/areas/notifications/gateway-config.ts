// SMS_GATEWAY (README "Configuration"): which gateway the store's outbox sends through.
// smpp://system_id:password@host:port (ssmpp:// over TLS). Unset: no gateway; messages stay
// queued and the desk says 短信网关未配置 until one is configured (nothing is lost).
export interface SmppGatewayConfig {
  protocol: 'smpp';
  host: string;
  port: number;
  tls: boolean;
  systemId: string;
  password: string;
  /** source_addr: the sender number or short code the operator assigned. */
  sourceAddr: string;
}

export type GatewayConfig = SmppGatewayConfig;

/** The gateway named by the URL, or a Chinese message saying what is wrong with it. */
export function parseGatewayUrl(url: string, sourceAddr: string): GatewayConfig | string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'SMS_GATEWAY 须为 smpp://系统号:密码@主机:端口';
  }
  if (parsed.protocol === 'cmpp:') return 'SMS_GATEWAY：CMPP 尚未实现，请使用 smpp://（见 areas/notifications/gateway.ts）';
  if (parsed.protocol !== 'smpp:' && parsed.protocol !== 'ssmpp:') return 'SMS_GATEWAY 须以 smpp:// 或 ssmpp:// 开头';
  const systemId = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  if (systemId === '' || systemId.length > 15) return 'SMS_GATEWAY 须写明系统号（system_id，至多 15 个字符）';
  if (password.length > 8) return 'SMS_GATEWAY 的密码至多 8 个字符（SMPP 3.4）';
  if (parsed.hostname === '') return 'SMS_GATEWAY 须写明主机';
  const tls = parsed.protocol === 'ssmpp:';
  return {
    protocol: 'smpp',
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port === '' ? (tls ? 3550 : 2775) : Number(parsed.port),
    tls,
    systemId,
    password,
    sourceAddr,
  };
}

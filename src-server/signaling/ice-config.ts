// The STUN/TURN servers the store hands every terminal that joins a visit's room:
// configured once at the store, so a site's terminals need no
// network settings of their own. From the environment by default:
//   SIGNAL_ICE_SERVERS           JSON array of RTCIceServer, e.g.
//                                [{"urls":"turn:turn.example:3478","username":"u","credential":"p"}]
//   SIGNAL_ICE_TRANSPORT_POLICY  'all' (default) or 'relay' (media only through TURN)
// A bad value stops the store at start with a zh-CN sentence, never at the first call.
import { iceConfigSchema, type IceConfig } from '../../src-shared/signaling/protocol';

export const NO_ICE: IceConfig = { iceServers: [], iceTransportPolicy: 'all' };

/** `mintsTurn`: the store adds a coturn credential per visit (./turn-credentials), so 'relay' needs no static TURN server. */
export function iceConfigFromEnv(env: Record<string, string | undefined>, mintsTurn = false): IceConfig {
  const rawServers = env.SIGNAL_ICE_SERVERS?.trim();
  let servers: unknown = [];
  if (rawServers !== undefined && rawServers !== '') {
    try {
      servers = JSON.parse(rawServers);
    } catch {
      throw new Error('SIGNAL_ICE_SERVERS 不是合法的 JSON（应为 STUN/TURN 服务器数组）');
    }
  }
  return parseIceConfig({ iceServers: servers, iceTransportPolicy: env.SIGNAL_ICE_TRANSPORT_POLICY?.trim() || 'all' }, mintsTurn);
}

export function parseIceConfig(value: unknown, mintsTurn = false): IceConfig {
  const parsed = iceConfigSchema.safeParse(value);
  if (parsed.success) {
    const bad = parsed.data.iceServers
      .flatMap((s) => (Array.isArray(s.urls) ? s.urls : [s.urls]))
      .find((u) => !/^(stun|stuns|turn|turns):/.test(u));
    if (bad !== undefined) throw new Error(`STUN/TURN 服务器地址须以 stun:、stuns:、turn: 或 turns: 开头：${bad}`);
    if (
      parsed.data.iceTransportPolicy === 'relay' &&
      !mintsTurn &&
      !parsed.data.iceServers.some((s) => [s.urls].flat().some((u) => u.startsWith('turn')))
    ) {
      throw new Error('SIGNAL_ICE_TRANSPORT_POLICY=relay 须至少配置一个 TURN 服务器（或 SIGNAL_TURN_SECRET）');
    }
    return parsed.data;
  }
  const issue = parsed.error.issues[0];
  throw new Error(`信令 ICE 配置无效：${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
}

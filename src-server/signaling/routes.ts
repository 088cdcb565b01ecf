// Signaling: GET /api/signal/:visitId upgraded to a
// WebSocket on the store's own HTTP server. Rooms are keyed by visit id; only
// the terminals of the visit's two rooms get in (./admission); messages go to
// the other side in order (./peer-socket, ./relay); a reconnecting terminal
// replaces its old socket; WebSocket pings drop dead sockets (./heartbeat).
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { WebSocketServer } from 'ws';
import { z } from 'zod';
import type { AppContext } from '../context';
import { ApiError, errorBodySchema } from '../http/api-error';
import { admit } from './admission';
import type { Admission } from './admission';
import { Heartbeat } from './heartbeat';
import { servePeer } from './peer-socket';
import { CLOSE, SIGNAL_SUBPROTOCOL } from '../../src-shared/signaling/protocol';
import { InProcessRelay } from './relay';
import { BusRelay } from './bus-relay';
import { relayWithdrawals } from './withdrawal-relay';
import type { SignalBus } from './bus/signal-bus';
import { createSignalBus, signalBusKind } from './bus/choose-bus';
import type { SignalBusKind } from './bus/choose-bus';
import { iceConfigFromEnv, parseIceConfig } from './ice-config';
import { recordOutcome } from './record-outcome';
import { iceForVisit, parseTurnSecret, turnSecretFromEnv } from './turn-credentials';
import type { TurnSecret } from './turn-credentials';
import { RelayWitness } from './relay-witness';
import type { IceConfig } from '../../src-shared/signaling/protocol';
import type { SignalRelay } from './relay';
import { LiveWatch } from './live-watch';
import { FORGET_INTERVAL_MS, forgetDeadNodes, LiveRegistry } from './live-registry';
import { listLiveVisits } from './live-visits';
import { admitObserver, mayWatch } from './observer-admission';
import type { ObserverAdmission } from './observer-admission';
import { serveObserver } from './observer-socket';
import { requireStaff, staffCaller } from '../auth/authenticate';
import { auditStaffAction } from '../areas/audit/staff-audit';
import { declaredRoute } from '../http/declared-route';
import { forbidden } from '../http/api-error';
import { monitorEndpoints } from '../../src-shared/store-api/endpoints/monitor';
import { OBSERVE_PATH_PREFIX } from '../../src-shared/signaling/observer-protocol';

export interface SignalingOptions {
  /** Largest message a terminal may send (bytes); larger closes the socket with 1009. */
  maxMessageBytes?: number;
  /** WebSocket ping interval; a socket silent for a whole interval is dropped. */
  heartbeatMs?: number;
  /** Unsent bytes a slow receiver may accumulate before it is closed (1013). */
  maxBufferedBytes?: number;
  /** Where the two sides of a visit meet; from `bus` unless given. */
  relay?: SignalRelay;
  /** Issue #20: how store nodes pass signaling to each other; from SIGNAL_BUS (./bus/choose-bus) unless given. */
  bus?: SignalBus | SignalBusKind;
  /** How long shutdown waits for sockets to acknowledge the close. */
  closeGraceMs?: number;
  /** STUN/TURN servers handed to the terminals; from SIGNAL_ICE_SERVERS / SIGNAL_ICE_TRANSPORT_POLICY unless given. */
  ice?: IceConfig;
  /** Issue #23: coturn's shared secret, a credential minted per visit; from SIGNAL_TURN_* unless given (null: none). */
  turn?: TurnSecret | null;
}

export const SIGNALING_DEFAULTS = {
  maxMessageBytes: 64 * 1024,
  heartbeatMs: 30_000,
  maxBufferedBytes: 4 * 1024 * 1024,
  closeGraceMs: 1000,
};

const SIGNAL_PATH = /^\/api\/signal\/([^/?#]+)$/;
/** Issue #19: the monitoring centre's observer joins a visit here (../../src-shared/signaling/observer-protocol). */
const OBSERVE_PATH = new RegExp(`^${OBSERVE_PATH_PREFIX.replace(/\//g, '\\/')}([^/?#]+)$`);

const safeDecode = (part: string): string => {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
};

export function signalingRoutes(ctx: AppContext, options: SignalingOptions = {}): FastifyPluginAsyncZod {
  const settings = { ...SIGNALING_DEFAULTS, ...options };
  // Checked now, so a bad configuration stops the store at start.
  const turn = options.turn === undefined ? turnSecretFromEnv(process.env) : options.turn && parseTurnSecret(options.turn);
  const ice =
    options.ice === undefined ? iceConfigFromEnv(process.env, turn !== null) : parseIceConfig(options.ice, turn !== null);
  // Each joining socket gets its own time-limited TURN credential (wall clock: coturn checks it).
  const iceFor = (visitId: string) => iceForVisit(ice, turn, visitId, Date.now());
  const busKind =
    options.relay !== undefined || typeof options.bus === 'object'
      ? null
      : (options.bus ?? signalBusKind(process.env, ctx.config.database));
  return async (app) => {
    // Watched, so an outcome can be checked against what the relay saw (./relay-witness).
    // Issue #20 item 4: written to the cluster's tables too, so every node lists every live visit
    // and finds the relay's evidence for an outcome.
    const registry = new LiveRegistry(ctx.db, ctx.jobs.node, app.log);
    await registry.start();
    ctx.jobs.every('signaling.forget-dead-nodes', FORGET_INTERVAL_MS, () => forgetDeadNodes(ctx.db, Date.now()));
    const witness = new RelayWitness(registry);
    // And what the monitoring centre lists (./live-watch: when the call could start, warnings).
    const liveWatch = new LiveWatch(() => ctx.clock().getTime(), registry);
    // One node (memory): the sockets meet in this process. Otherwise through the bus (./bus-relay).
    const ownBus =
      busKind === null || busKind === 'memory' ? null : createSignalBus(busKind, ctx.config.database, process.env, app.log);
    const bus = typeof options.bus === 'object' ? options.bus : ownBus;
    const busRelay = options.relay === undefined && bus !== null ? new BusRelay(bus, app.log) : null;
    // A terminal revoked or an account disabled on another node loses its sockets here too (./withdrawal-relay).
    const stopWithdrawals =
      bus === null
        ? null
        : await relayWithdrawals(bus, ctx.sockets, app.log).catch((err: unknown) => {
            app.log.error({ err }, 'withdrawal relay: subscribe failed; withdrawals stay on their node');
            return null;
          });
    const relay = liveWatch.watch(witness.watch(options.relay ?? busRelay ?? new InProcessRelay()));
    const heartbeat = new Heartbeat(settings.heartbeatMs);
    const wss = new WebSocketServer({
      noServer: true,
      maxPayload: settings.maxMessageBytes,
      perMessageDeflate: false,
      // Answer with our protocol name, never with the offered bearer token.
      handleProtocols: (offered) => (offered.has(SIGNAL_SUBPROTOCOL) ? SIGNAL_SUBPROTOCOL : false),
    });

    // A throw in an 'upgrade' listener would be uncaught: refuse that one connection instead.
    const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      try {
        upgrade(request, socket, head);
      } catch (err) {
        app.log.error({ err }, 'signaling: upgrade failed');
        socket.destroy();
      }
    };
    const upgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
      const observing = OBSERVE_PATH.exec(pathname);
      if (observing !== null) return observe(request, socket, head, safeDecode(observing[1] ?? ''));
      const match = SIGNAL_PATH.exec(pathname);
      if (match === null) {
        // Another area may serve upgrades on its own path; if none does, refuse.
        if (app.server.listenerCount('upgrade') === 1) {
          socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        }
        return;
      }
      socket.on('error', () => undefined);
      const visitId = safeDecode(match[1] ?? '');
      // Refusals complete the handshake too, so even a browser can read the close code and reason.
      const handshake = (admission: Admission) =>
        wss.handleUpgrade(request, socket, head, (ws) => {
          try {
            if (!admission.ok) {
              app.log.info({ visitId, code: admission.code, reason: admission.reason }, 'signaling: refused');
              ws.close(admission.code, admission.reason);
              return;
            }
            // Revoking the terminal closes this socket (../live-sockets).
            ctx.sockets.add({ kind: 'terminal', id: admission.terminalId }, ws);
            heartbeat.track(ws);
            servePeer(ws, admission, relay, app.log, {
              maxBufferedBytes: settings.maxBufferedBytes,
              ice: iceFor(admission.visitId),
              recordOutcome: async (peer, m) => {
                const status = await recordOutcome(ctx, {
                  visitId: peer.visitId,
                  terminalId: peer.terminalId,
                  roomId: admission.roomId,
                  outcome: m.outcome,
                  code: m.code,
                  reason: m.reason,
                  relayedBothWays: await witness.bothWays(peer.visitId),
                });
                app.log.info(
                  { visitId: peer.visitId, side: peer.side, outcome: m.outcome, code: m.code, status },
                  'signaling: visit outcome reported',
                );
                return status;
              },
            });
          } catch (err) {
            app.log.error({ err, visitId }, 'signaling: serving the socket failed');
            ws.terminate();
          }
        });
      admit(ctx, request, visitId).then(
        (admission) => {
          // A throw here would be an unhandled rejection, which ends the process: refuse the one socket.
          try {
            handshake(admission);
          } catch (err) {
            app.log.error({ err, visitId }, 'signaling: handshake failed');
            socket.destroy();
          }
        },
        (err: unknown) => {
          app.log.error({ err, visitId }, 'signaling: admission failed');
          socket.end('HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        },
      );
    };
    app.server.on('upgrade', onUpgrade);

    // Issue #19: an observer of the monitoring centre (./observer-admission, ./observer-socket).
    const observe = (request: IncomingMessage, socket: Duplex, head: Buffer, visitId: string) => {
      socket.on('error', () => undefined);
      const handshake = (admission: ObserverAdmission) =>
        wss.handleUpgrade(request, socket, head, (ws) => {
          try {
            if (!admission.ok) {
              app.log.info({ visitId, code: admission.code, reason: admission.reason }, 'observer: refused');
              ws.close(admission.code, admission.reason);
              return;
            }
            ctx.sockets.add({ kind: 'staff', id: admission.caller.staffId }, ws);
            heartbeat.track(ws);
            serveObserver(ws, admission, relay, app.log, {
              maxBufferedBytes: settings.maxBufferedBytes,
              ice: iceFor(visitId),
              now: ctx.clock,
              audit: (action, detail) => auditStaffAction(ctx, admission.caller, action, visitId, detail),
            });
          } catch (err) {
            app.log.error({ err, visitId }, 'observer: serving the socket failed');
            ws.terminate();
          }
        });
      admitObserver(ctx, request, visitId).then(
        (admission) => {
          try {
            handshake(admission);
          } catch (err) {
            app.log.error({ err, visitId }, 'observer: handshake failed');
            socket.destroy();
          }
        },
        (err: unknown) => {
          app.log.error({ err, visitId }, 'observer: admission failed');
          socket.end('HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        },
      );
    };

    app.route({
      ...declaredRoute(monitorEndpoints.liveVisits, {
        tags: ['monitor'],
        summary: '监控中心：本单位管辖范围内正在进行的会见（会见室、罪犯、会见人、剩余时间、连接、警告）',
      }),
      onRequest: requireStaff(ctx),
      handler: async (request) => {
        const caller = staffCaller(request);
        if (!mayWatch(caller)) throw forbidden('仅限监督人员、监狱长或管理员查看监控中心');
        return { visits: await listLiveVisits(ctx, caller, await liveWatch.views(relay.live(), request.log)) };
      },
    });

    // Without an upgrade the address only explains itself (and appears in the OpenAPI document).
    app.get(
      '/api/signal/:visitId',
      {
        schema: {
          tags: ['signaling'],
          summary: '信令 WebSocket（须以 WebSocket 升级连接）',
          description:
            `以 WebSocket 连接本地址（子协议 ${SIGNAL_SUBPROTOCOL}）；凭证为终端令牌：Authorization: Bearer <token>，` +
            `或子协议 bearer.<token>。只有该会见双方会见室的终端可加入。消息格式见 src-server/README.md。`,
          params: z.object({ visitId: z.string() }),
          response: { 426: errorBodySchema },
        },
      },
      async (_request, reply) => {
        const body = new ApiError(426, 'BAD_REQUEST', '此地址须以 WebSocket 连接').toBody();
        return reply.code(426).header('upgrade', 'websocket').send(body);
      },
    );

    // Shutdown (a drain, #20): tell every terminal to reconnect at once (through the load balancer, to
    // another node), then drop what does not answer.
    app.addHook('preClose', async () => {
      app.server.off('upgrade', onUpgrade);
      heartbeat.stop();
      const open = [...wss.clients];
      for (const ws of open) ws.close(CLOSE.NODE_DRAINING, '本节点正在停止，请立即重连');
      const deadline = Date.now() + settings.closeGraceMs;
      while (open.some((ws) => ws.readyState !== ws.CLOSED) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      for (const ws of open) ws.terminate();
      // The other nodes stop listing this node's sockets now, not after its rows' TTL.
      await registry.stop().catch((err: unknown) => app.log.warn({ err }, 'live registry: leaving failed'));
    });
    app.addHook('onClose', async () => {
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await busRelay?.drain();
      await stopWithdrawals?.();
      await ownBus?.close();
    });
  };
}

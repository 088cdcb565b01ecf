// The operator's SMS centre for tests (issue #25 item 8): a REAL SMPP server from the `smpp`
// package on 127.0.0.1 (port 0, or the same port again after a restart), checking the
// store's system id and password, answering submit_sm with its own message ids and keeping
// what it accepted, and sending delivery receipts (deliver_sm, esm_class 0x04) on request.
// It can be told to die on the next submit (answer nothing, drop the connection, stop listening).
import type { AddressInfo } from 'node:net';
import smpp from 'smpp';
import type { PDU, Server, Session } from 'smpp';

export interface AcceptedPart {
  messageId: string;
  destination: string;
  dataCoding: number;
  esmClass: number;
  /** The concatenation header's reference, total and sequence; null for a single message. */
  concat: { reference: number; total: number; seq: number } | null;
  text: string;
}

export interface OperatorSmsc {
  port: number;
  accepted: AcceptedPart[];
  /** Submits seen but not accepted (the one it died on). */
  dropped: number;
  bindAttempts: number;
  url(password?: string): string;
  /** The next submit_sm after `accept` more is answered by nothing: the server goes down. */
  dieAfter(accept: number): void;
  receipt(messageId: string, stat?: 'DELIVRD' | 'UNDELIV' | 'EXPIRED'): Promise<void>;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

export const SMSC_SYSTEM_ID = 'yn-sft';
export const SMSC_PASSWORD = 'pw8chars';

function textOf(pdu: PDU): { text: string; concat: AcceptedPart['concat'] } {
  const sm = pdu['short_message'] as { udh?: Buffer[]; message: string | Buffer };
  const message = typeof sm.message === 'string' ? sm.message : sm.message.toString('latin1');
  const udh = sm.udh?.[0];
  return {
    text: message,
    concat: udh && udh[0] === 0x00 ? { reference: udh[2] as number, total: udh[3] as number, seq: udh[4] as number } : null,
  };
}

export async function startOperatorSmsc(port = 0): Promise<OperatorSmsc> {
  let counter = 0;
  let dieAfter: number | null = null;
  const bound = new Set<Session>();
  const state: Omit<OperatorSmsc, 'port' | 'url' | 'dieAfter' | 'receipt' | 'stop' | 'restart'> = {
    accepted: [],
    dropped: 0,
    bindAttempts: 0,
  };
  let server: Server;

  const onSession = (session: Session) => {
    session.on('error', () => undefined);
    session.on('close', () => bound.delete(session));
    session.on('bind_transceiver', (pdu: PDU) => {
      state.bindAttempts += 1;
      if (pdu['system_id'] !== SMSC_SYSTEM_ID || pdu['password'] !== SMSC_PASSWORD) {
        session.send(pdu.response({ command_status: smpp.ESME_RINVPASWD }));
        session.close();
        return;
      }
      bound.add(session);
      session.send(pdu.response({ system_id: 'SMSC' }));
    });
    session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('submit_sm', (pdu: PDU) => {
      if (!bound.has(session)) {
        session.send(pdu.response({ command_status: smpp.ESME_RINVBNDSTS }));
        return;
      }
      if (dieAfter !== null && dieAfter <= 0) {
        // Mid-run failure: this submit is never answered and the centre is gone.
        state.dropped += 1;
        dieAfter = null;
        void api.stop();
        return;
      }
      if (dieAfter !== null) dieAfter -= 1;
      counter += 1;
      const messageId = `M${String(counter).padStart(6, '0')}`;
      const { text, concat } = textOf(pdu);
      state.accepted.push({
        messageId,
        destination: String(pdu['destination_addr']),
        dataCoding: Number(pdu['data_coding']),
        esmClass: Number(pdu['esm_class']),
        concat,
        text,
      });
      session.send(pdu.response({ message_id: messageId }));
    });
  };

  const listen = (at: number) =>
    new Promise<number>((resolve, reject) => {
      server = smpp.createServer(onSession);
      server.once('error', reject);
      server.listen(at, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
    });

  const api: OperatorSmsc = {
    port: await listen(port),
    get accepted() {
      return state.accepted;
    },
    get dropped() {
      return state.dropped;
    },
    get bindAttempts() {
      return state.bindAttempts;
    },
    url: (password = SMSC_PASSWORD) => `smpp://${SMSC_SYSTEM_ID}:${password}@127.0.0.1:${api.port}`,
    dieAfter(accept) {
      dieAfter = accept;
    },
    async receipt(messageId, stat = 'DELIVRD') {
      const session = [...bound][0];
      if (!session) throw new Error('no bound session to send the receipt on');
      const text = `id:${messageId} sub:001 dlvrd:${stat === 'DELIVRD' ? '001' : '000'} submit date:2612071000 done date:2612071001 stat:${stat} err:${stat === 'DELIVRD' ? '000' : '001'} text:`;
      await new Promise<void>((resolve) => {
        session.deliver_sm(
          {
            source_addr: '8613800000000',
            destination_addr: '10690000',
            esm_class: smpp.ESM_CLASS['MC_DELIVERY_RECEIPT'],
            short_message: text,
          },
          () => resolve(),
        );
      });
    },
    async stop() {
      for (const s of server.sessions ?? []) s.destroy();
      bound.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    async restart() {
      await listen(api.port);
    },
  };
  return api;
}

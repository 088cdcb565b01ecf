// The operator's SMS gateway as the outbox sees it (issue #25 item 8): submit one part of a
// message and get the gateway's message id; hear delivery receipts naming those ids. One
// protocol is implemented, SMPP 3.4 (smpp-gateway.ts, the `smpp` package).
//
// How a CMPP provider plugs in (CMPP 2.0/3.0, China Mobile's protocol, which the operators'
// government SMS platforms also speak): a `cmpp-gateway.ts` implementing this interface —
//   - connect: CMPP_CONNECT with Source_Addr (the SP's enterprise code), AuthenticatorSource =
//     MD5(Source_Addr + 9 zero octets + shared secret + timestamp MMDDHHMMSS), Version 0x20/0x30;
//     a non-zero Status of CMPP_CONNECT_RESP is a GatewayError(…, 'login') like SMPP's bind failure;
//     CMPP_ACTIVE_TEST every 60 s in place of enquire_link.
//   - submit: CMPP_SUBMIT with Msg_Fmt 8 (UCS-2), Registered_Delivery 1, Dest_terminal_Id the
//     11-digit number (no 86), Msg_src the SP code; a part of a long message sets TP_udhi 1 and
//     carries the same 6-octet header as SMPP (src-shared/notifications/sms-parts.ts). Msg_Id of
//     CMPP_SUBMIT_RESP (8 octets) is the provider message id, as hex text; Result ≠ 0 maps to a
//     GatewayError (8 = flow control → transient; others permanent).
//   - receipts: CMPP_DELIVER with Registered_Delivery 1 carries a status report whose Msg_Id
//     names the submit and whose Stat is DELIVRD / EXPIRED / UNDELIV / REJECTD …: the same words
//     as SMPP's receipt text, so `receiptStatus` below maps them; answer CMPP_DELIVER_RESP.
//   - config: SMS_GATEWAY=cmpp://SP_ID:secret@host:7890 (gateway-config.ts: add the scheme).
// Nothing else changes: the outbox, the worker, the templates and the desk only see this interface.

/** A receipt's final state of one part. */
export type ReceiptStatus = 'delivered' | 'failed' | 'expired';

export interface DeliveryReceipt {
  providerMessageId: string;
  status: ReceiptStatus | 'accepted';
  /** The receipt's own words (stat and err), kept when it failed. */
  detail: string;
}

/** One SMS part: the whole message is `parts`; this call sends `parts[seq - 1]`. */
export interface OutgoingPart {
  phone: string;
  parts: readonly string[];
  seq: number;
  /** The concatenation reference, the same for every part of one message (and every retry of it). */
  reference: number;
}

export type GatewayFailure = 'unavailable' | 'login' | 'throttled' | 'rejected' | 'timeout';

/** Why a submit did not go through; `transient` ones are retried with back-off. */
export class GatewayError extends Error {
  constructor(
    message: string,
    readonly failure: GatewayFailure,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
  get transient(): boolean {
    return this.failure !== 'rejected';
  }
}

export interface GatewayState {
  state: 'ready' | 'failing' | 'idle';
  /** In Chinese, for the desk: e.g. 短信网关登录失败（系统号或密码错误）. */
  message: string;
}

export interface NotificationGateway {
  readonly protocol: string;
  /** Sends one part; resolves to the gateway's message id, or throws a GatewayError. */
  submit(part: OutgoingPart): Promise<string>;
  /** Delivery receipts as they arrive (on whichever node holds the session). */
  onReceipt(listener: (receipt: DeliveryReceipt) => void): void;
  state(): GatewayState;
  close(): Promise<void>;
}

/** SMPP 3.4 Appendix B / CMPP status-report words → what the outbox records. */
export function receiptStatus(stat: string): DeliveryReceipt['status'] {
  switch (stat.toUpperCase()) {
    case 'DELIVRD':
      return 'delivered';
    case 'EXPIRED':
      return 'expired';
    case 'ACCEPTD':
    case 'ENROUTE':
      return 'accepted';
    default:
      // UNDELIV, REJECTD, DELETED, UNKNOWN and operator-specific codes: not delivered.
      return 'failed';
  }
}

// A minimal STUN/TURN client over UDP (RFC 5389/5766), enough to check a TURN server from
// Node: a Binding request (is it up?) and an authenticated Allocate with the long-term
// credential mechanism (does it take this username and password?). Real packets, real server.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';

const MAGIC = 0x2112a442;
const ATTR = {
  USERNAME: 0x0006,
  MESSAGE_INTEGRITY: 0x0008,
  ERROR_CODE: 0x0009,
  REALM: 0x0014,
  NONCE: 0x0015,
  REQUESTED_TRANSPORT: 0x0019,
  XOR_RELAYED_ADDRESS: 0x0016,
};
const TYPE = { BINDING: 0x0001, ALLOCATE: 0x0003 };

interface Attr {
  type: number;
  value: Buffer;
}

function encode(type: number, tid: Buffer, attrs: Attr[], integrityKey?: Buffer): Buffer {
  const body = (list: Attr[]) =>
    Buffer.concat(
      list.map((a) => {
        const pad = (4 - (a.value.length % 4)) % 4;
        const head = Buffer.alloc(4);
        head.writeUInt16BE(a.type, 0);
        head.writeUInt16BE(a.value.length, 2);
        return Buffer.concat([head, a.value, Buffer.alloc(pad)]);
      }),
    );
  const header = (length: number) => {
    const h = Buffer.alloc(20);
    h.writeUInt16BE(type, 0);
    h.writeUInt16BE(length, 2);
    h.writeUInt32BE(MAGIC, 4);
    tid.copy(h, 8);
    return h;
  };
  const plain = body(attrs);
  if (!integrityKey) return Buffer.concat([header(plain.length), plain]);
  // MESSAGE-INTEGRITY covers the header with the length as if it were already appended (24 bytes).
  const signed = Buffer.concat([header(plain.length + 24), plain]);
  const mac = createHmac('sha1', integrityKey).update(signed).digest();
  return Buffer.concat([signed, body([{ type: ATTR.MESSAGE_INTEGRITY, value: mac }])]);
}

function decode(packet: Buffer): { type: number; tid: Buffer; attrs: Map<number, Buffer> } | null {
  if (packet.length < 20 || packet.readUInt32BE(4) !== MAGIC) return null;
  const attrs = new Map<number, Buffer>();
  let at = 20;
  const end = Math.min(packet.length, 20 + packet.readUInt16BE(2));
  while (at + 4 <= end) {
    const type = packet.readUInt16BE(at);
    const length = packet.readUInt16BE(at + 2);
    attrs.set(type, packet.subarray(at + 4, at + 4 + length));
    at += 4 + length + ((4 - (length % 4)) % 4);
  }
  return { type: packet.readUInt16BE(0), tid: packet.subarray(8, 20), attrs };
}

type Decoded = NonNullable<ReturnType<typeof decode>>;
type Ask = (request: Buffer, timeoutMs: number) => Promise<Decoded>;

/** One UDP socket for a whole exchange: a TURN server ties its nonce and allocation to the client's address. */
async function withSocket<T>(host: string, port: number, use: (ask: Ask) => Promise<T>): Promise<T> {
  const socket = createSocket('udp4');
  const waiting = new Map<string, (d: Decoded) => void>();
  socket.on('message', (m) => {
    const d = decode(m);
    if (d) waiting.get(d.tid.toString('hex'))?.(d);
  });
  socket.on('error', () => undefined);
  const ask: Ask = (request, timeoutMs) =>
    new Promise<Decoded>((resolve, reject) => {
      const tid = request.subarray(8, 20).toString('hex');
      const timer = setTimeout(() => {
        waiting.delete(tid);
        reject(new Error(`STUN 请求无应答 no answer from ${host}:${port}`));
      }, timeoutMs);
      waiting.set(tid, (d) => {
        clearTimeout(timer);
        waiting.delete(tid);
        resolve(d);
      });
      socket.send(request, port, host);
    });
  try {
    return await use(ask);
  } finally {
    socket.close();
  }
}

/** True when a STUN Binding request gets its success answer. */
export async function stunBinding(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  try {
    const answer = await withSocket(host, port, (ask) => ask(encode(TYPE.BINDING, randomBytes(12), []), timeoutMs));
    return answer.type === 0x0101;
  } catch {
    return false;
  }
}

export type AllocateResult = { ok: true; relayPort: number } | { ok: false; code: number; reason: string };

/** A TURN Allocate (UDP) with the long-term credential: first unauthenticated for the realm and nonce, then signed. */
export function turnAllocate(host: string, port: number, username: string, password: string): Promise<AllocateResult> {
  return withSocket(host, port, async (ask): Promise<AllocateResult> => {
    const transport = { type: ATTR.REQUESTED_TRANSPORT, value: Buffer.from([17, 0, 0, 0]) };
    const first = await ask(encode(TYPE.ALLOCATE, randomBytes(12), [transport]), 2_000);
    const realm = first.attrs.get(ATTR.REALM);
    const nonce = first.attrs.get(ATTR.NONCE);
    if (!realm || !nonce) return { ok: false, code: 0, reason: 'no realm/nonce in the challenge' };
    const key = createHash('md5')
      .update(`${username}:${realm.toString('utf8')}:${password}`)
      .digest();
    const attrs = [
      transport,
      { type: ATTR.USERNAME, value: Buffer.from(username) },
      { type: ATTR.REALM, value: realm },
      { type: ATTR.NONCE, value: nonce },
    ];
    const answer = await ask(encode(TYPE.ALLOCATE, randomBytes(12), attrs, key), 2_000);
    if (answer.type === 0x0103) {
      const relayed = answer.attrs.get(ATTR.XOR_RELAYED_ADDRESS);
      return { ok: true, relayPort: relayed ? relayed.readUInt16BE(2) ^ (MAGIC >>> 16) : 0 };
    }
    const error = answer.attrs.get(ATTR.ERROR_CODE);
    const code = error ? (error[2] ?? 0) * 100 + (error[3] ?? 0) : 0;
    return { ok: false, code, reason: error ? error.subarray(4).toString('utf8').trim() : `type 0x${answer.type.toString(16)}` };
  });
}

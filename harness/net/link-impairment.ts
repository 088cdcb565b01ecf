// One direction of an impaired link (issue #23 item 2), in user space since the kernel here
// has no netem: packets pass a bandwidth cap (a token bucket in front of a drop-tail queue,
// as a router's egress does), then random or bursty loss (a Gilbert-Elliott chain: a "bad"
// state that loses every packet, entered and left so the mean loss and the mean burst length
// are as asked), then a delay with jitter that keeps the packets in order (a real path rarely
// reorders; WebRTC would read reordering as loss). Settings change while packets flow.

/** One crossing of the link (one direction of one terminal's path to the relay). */
export interface LinkSettings {
  /** One-way delay added, ms. */
  delayMs: number;
  /** Each packet's delay varies uniformly by ± this, ms (order kept). */
  jitterMs: number;
  /** Mean share of packets lost, 0–1. */
  loss: number;
  /** Mean length of a loss burst in packets (1 = independent random loss). */
  burst: number;
  /** Bandwidth cap in bits per second; null = none. */
  rateBps: number | null;
  /** How long the bottleneck's queue may grow before it drops, ms of the cap's rate. */
  queueMs: number;
  /** Outage: every packet dropped. */
  down: boolean;
}

export const OPEN_LINK: LinkSettings = { delayMs: 0, jitterMs: 0, loss: 0, burst: 1, rateBps: null, queueMs: 200, down: false };

export interface LinkCounters {
  packets: number;
  delivered: number;
  lostRandom: number;
  lostQueue: number;
  lostOutage: number;
  bytesDelivered: number;
  /** How late the delay stage's timers released packets, ms in all and at most: a busy machine's jitter on top of the profile's. */
  lateMsTotal: number;
  lateMsMax: number;
}

/** A small seeded PRNG (mulberry32): a test can repeat a run packet for packet. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How much an idle line may send at once, as ms of its rate (the token bucket's depth). */
const BUCKET_MS = 10;

interface Queued {
  data: Buffer;
  at: number;
}

export class ImpairedLink {
  readonly counters: LinkCounters = {
    packets: 0,
    delivered: 0,
    lostRandom: 0,
    lostQueue: 0,
    lostOutage: 0,
    bytesDelivered: 0,
    lateMsTotal: 0,
    lateMsMax: 0,
  };
  private settings: LinkSettings = OPEN_LINK;
  private bad = false;
  /** The bottleneck's clock: when it will have sent everything queued (a token bucket as its virtual time, GCRA). */
  private freeAt = 0;
  private readonly shaping: Queued[] = [];
  private shapeTimer: NodeJS.Timeout | null = null;
  private readonly delayed: Queued[] = [];
  private delayTimer: NodeJS.Timeout | null = null;
  private lastDue = 0;
  private closed = false;

  constructor(
    private readonly deliver: (data: Buffer) => void,
    private readonly random: () => number = Math.random,
  ) {}

  set(settings: LinkSettings): void {
    this.settings = settings;
    if (settings.down) {
      // A cut line loses what was in flight on it too.
      this.counters.lostOutage += this.shaping.length + this.delayed.length;
      this.shaping.length = 0;
      this.delayed.length = 0;
      this.freeAt = 0;
    }
    this.drainShaper();
  }

  get current(): LinkSettings {
    return this.settings;
  }

  push(data: Buffer): void {
    if (this.closed) return;
    this.counters.packets += 1;
    if (this.settings.down) {
      this.counters.lostOutage += 1;
      return;
    }
    const rate = this.settings.rateBps;
    if (rate === null && this.shaping.length === 0) return this.afterShaper(data);
    // Each packet leaves when the line has sent what came before it; a line idle for a while
    // may send a 10 ms burst at once (the bucket's depth). Late timers never lower the rate:
    // whatever is due by the time one fires leaves then.
    const now = performance.now();
    const departs = Math.max(this.freeAt, now - BUCKET_MS) + (rate === null ? 0 : (data.length * 8 * 1000) / rate);
    if (departs - now > this.settings.queueMs) {
      this.counters.lostQueue += 1;
      return;
    }
    this.freeAt = departs;
    this.shaping.push({ data, at: departs });
    this.drainShaper();
  }

  close(): void {
    this.closed = true;
    if (this.shapeTimer) clearTimeout(this.shapeTimer);
    if (this.delayTimer) clearTimeout(this.delayTimer);
    this.shapeTimer = null;
    this.delayTimer = null;
    this.shaping.length = 0;
    this.delayed.length = 0;
  }

  private drainShaper(): void {
    if (this.closed || this.shapeTimer) return;
    const now = performance.now();
    while (this.shaping.length > 0 && (this.shaping[0] as Queued).at <= now + 0.5)
      this.afterShaper((this.shaping.shift() as Queued).data);
    const head = this.shaping[0];
    if (!head) return;
    this.shapeTimer = setTimeout(
      () => {
        this.shapeTimer = null;
        this.drainShaper();
      },
      Math.max(1, head.at - now),
    );
  }

  /** Gilbert-Elliott: p(good→bad) = r·L/(1−L) with r = 1/burst, so the bad state's share is L. */
  private lost(): boolean {
    const { loss, burst } = this.settings;
    if (loss <= 0) return false;
    if (loss >= 1) return true;
    const leave = 1 / Math.max(1, burst);
    const enter = Math.min(1, (leave * loss) / (1 - loss));
    this.bad = this.bad ? this.random() >= leave : this.random() < enter;
    return this.bad;
  }

  private afterShaper(data: Buffer): void {
    if (this.lost()) {
      this.counters.lostRandom += 1;
      return;
    }
    const { delayMs, jitterMs } = this.settings;
    if (delayMs <= 0 && jitterMs <= 0 && this.delayed.length === 0) return this.send(data);
    const now = performance.now();
    const jitter = jitterMs > 0 ? (this.random() * 2 - 1) * jitterMs : 0;
    const due = Math.max(this.lastDue, now + Math.max(0, delayMs + jitter));
    this.lastDue = due;
    this.delayed.push({ data, at: due });
    this.armDelay();
  }

  private armDelay(): void {
    if (this.delayTimer || this.closed) return;
    const head = this.delayed[0];
    if (!head) return;
    this.delayTimer = setTimeout(
      () => {
        this.delayTimer = null;
        const now = performance.now();
        // Timers fire up to a millisecond early or late: deliver everything due by now (+0.5 ms).
        while (this.delayed.length > 0 && (this.delayed[0] as Queued).at <= now + 0.5) {
          const q = this.delayed.shift() as Queued;
          const late = Math.max(0, now - q.at);
          this.counters.lateMsTotal += late;
          this.counters.lateMsMax = Math.max(this.counters.lateMsMax, late);
          this.send(q.data);
        }
        this.armDelay();
      },
      Math.max(0, head.at - performance.now()),
    );
  }

  private send(data: Buffer): void {
    this.counters.delivered += 1;
    this.counters.bytesDelivered += data.length;
    this.deliver(data);
  }
}

// Chunks must reach the spool in MediaRecorder's order: a WebM stream with a
// missing or repeated piece is unreadable from that point, so both are refused, not written.
import { ServiceError } from '../../src-shared/ipc/result';

export class ChunkOrder {
  private next = 0;

  /** Throws CONFLICT (nothing written) unless `seq` is exactly the expected one. */
  check(recordingId: string, seq: number): void {
    if (seq === this.next) return;
    const what = seq < this.next ? '重复' : '跳号';
    throw new ServiceError(
      'CONFLICT',
      `录像 ${recordingId} 的数据块序号${what}：收到第 ${seq} 块，应为第 ${this.next} 块；该块未写入。`,
    );
  }

  accepted(): void {
    this.next += 1;
  }

  get expected(): number {
    return this.next;
  }
}

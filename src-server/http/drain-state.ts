// Issue #20 item 3: whether this node is draining (SIGTERM). /ready says not-ready from the
// first moment, so the load balancer sends no more work while the node still serves what it has.
export class DrainState {
  private since: number | null = null;

  get draining(): boolean {
    return this.since !== null;
  }

  begin(now = Date.now()): void {
    this.since ??= now;
  }
}

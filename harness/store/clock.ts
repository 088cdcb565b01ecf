// A clock tests move by hand (token expiry, lock-out, enrolment code expiry).
export class TestClock {
  private current: number;

  constructor(start = '2026-03-02T01:00:00.000Z') {
    this.current = Date.parse(start);
  }

  readonly now = (): Date => new Date(this.current);

  advanceMinutes(minutes: number): void {
    this.current += minutes * 60_000;
  }
}

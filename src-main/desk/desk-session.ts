// The clerk's session at the central store: the bearer token lives here, in
// main's memory only (never on disk, never in the renderer); a restart logs
// the clerk out.
import type { DeskStaff } from '../../src-shared/desk/outcome';

export interface DeskSession {
  token: string;
  staff: DeskStaff;
}

export class DeskSessionHolder {
  private current: DeskSession | null = null;

  get(): DeskSession | null {
    return this.current;
  }

  set(session: DeskSession): void {
    this.current = session;
  }

  clear(): void {
    this.current = null;
  }
}

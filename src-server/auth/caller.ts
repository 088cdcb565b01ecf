// Who is calling: a staff member or a room terminal, resolved from the bearer token.
import type { OrganisationKind, StaffRole } from '../db/schema';

export interface StaffCaller {
  kind: 'staff';
  staffId: string;
  username: string;
  organisationId: string;
  organisationKind: OrganisationKind;
  roles: StaffRole[];
  tokenHash: string;
}

export interface TerminalCaller {
  kind: 'terminal';
  terminalId: string;
  roomId: string;
  organisationId: string;
  tokenHash: string;
}

export type Caller = StaffCaller | TerminalCaller;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hooks (./authenticate); null on public routes. */
    caller: Caller | null;
  }
}

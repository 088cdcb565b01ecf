// Every desk answer: done (with the value) or refused (why, with the
// requirement id when a rule refused it). The central store's 4xx, a network
// failure and "not logged in" all arrive as a refusal, never as a throw, so a
// screen always has a sentence to show and knows nothing was changed.
import { z } from 'zod';
import { organisationKindSchema } from '../organisations/kinds';

export const deskRefusalSchema = z.object({
  /** The requirement applied, e.g. 'R14.1' or 'R15.1(4)'; null for a technical reason. */
  requirement: z.string().nullable(),
  /** The store's code (VALIDATION_FAILED, CONFLICT, FORBIDDEN, NOT_FOUND, UNAUTHENTICATED, ACCOUNT_LOCKED …) or OFFLINE / NOT_LOGGED_IN / READER_…. */
  code: z.string(),
  /** zh-CN, shown to the clerk as it is. */
  message: z.string(),
  /** The fields at fault (e.g. 'applicants.0.document.number') with their own messages. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type DeskRefusal = z.infer<typeof deskRefusalSchema>;

export const deskOutcome = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('accepted', [
    z.object({ accepted: z.literal(true), value }),
    z.object({ accepted: z.literal(false), refusal: deskRefusalSchema }),
  ]);

export type DeskOutcome<T> = { accepted: true; value: T } | { accepted: false; refusal: DeskRefusal };

export const DESK_ROLES = ['administrator', 'reviewer', 'warden', 'supervisor'] as const;

/** The clerk logged in at this desk (the token stays in main). */
export const deskStaffSchema = z.object({
  staffId: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(DESK_ROLES)),
  organisation: z.object({ id: z.string(), kind: organisationKindSchema, name: z.string(), parentId: z.string().nullable() }),
  loggedInAt: z.string(),
});
export type DeskStaff = z.infer<typeof deskStaffSchema>;

/** Identity fields read from the ID card for the form; nothing is stored. */
export const cardIdentitySchema = z.object({
  name: z.string(),
  sex: z.enum(['male', 'female', 'unknown', 'unspecified']),
  birthDate: z.string(),
  address: z.string().nullable(),
  document: z.object({
    kind: z.enum(['resident-id', 'hmt-residence-permit', 'foreign-permanent-resident-id']),
    number: z.string(),
  }),
  validTo: z.string().nullable(),
  /** False when the card has expired or is not yet valid; the message says which. */
  valid: z.boolean(),
  validityMessage: z.string().nullable(),
});
export type CardIdentity = z.infer<typeof cardIdentitySchema>;

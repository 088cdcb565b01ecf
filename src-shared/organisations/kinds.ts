// The organisations of the province's visitation network, spelled once for the store's
// tables and routes and for the terminal's configuration and desk.
import { z } from 'zod';

/** Every kind of organisation: the province's department and what sits below it. */
export const ORGANISATION_KINDS = ['province', 'prison', 'ward', 'bureau', 'office'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
export const organisationKindSchema = z.enum(ORGANISATION_KINDS);

/** Kinds created under the province (the province itself exists once, from bootstrap). */
export const CHILD_ORGANISATION_KINDS = ['prison', 'ward', 'bureau', 'office'] as const satisfies readonly OrganisationKind[];

/** Sites: where a terminal stands and applications are received (a ward's room counts for its prison). */
export const SITE_KINDS = ['prison', 'bureau', 'office'] as const satisfies readonly OrganisationKind[];
export type SiteKind = (typeof SITE_KINDS)[number];
export const siteKindSchema = z.enum(SITE_KINDS);

import { z } from 'zod';
import { organisationKindSchema } from '../../../src-shared/organisations/kinds';
import type { Organisation, OrganisationKind, Room } from '../../db/schema';

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  province: '省司法厅',
  prison: '监狱',
  ward: '监区',
  bureau: '县（市、区）司法局',
  office: '司法所',
};

/** The only shapes of the tree (design: province ⊃ prisons ⊃ wards, province ⊃ bureaus ⊃ offices). */
export const ALLOWED_CHILDREN: Record<OrganisationKind, readonly OrganisationKind[]> = {
  province: ['prison', 'bureau'],
  prison: ['ward'],
  bureau: ['office'],
  ward: [],
  office: [],
};

export const organisationSchema = z
  .object({ id: z.string(), kind: organisationKindSchema, parentId: z.string().nullable(), code: z.string(), name: z.string(), createdAt: z.string() })
  .meta({ id: 'Organisation' });

export const toOrganisationView = (o: Organisation): z.infer<typeof organisationSchema> => ({
  id: o.id,
  kind: o.kind,
  parentId: o.parent_id,
  code: o.code,
  name: o.name,
  createdAt: o.created_at,
});

export const roomSchema = z
  .object({ id: z.string(), organisationId: z.string(), name: z.string(), createdAt: z.string() })
  .meta({ id: 'Room' });

export const toRoomView = (r: Room): z.infer<typeof roomSchema> => ({
  id: r.id,
  organisationId: r.organisation_id,
  name: r.name,
  createdAt: r.created_at,
});

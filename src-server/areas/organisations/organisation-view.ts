// How organisations and rooms are shown (the shapes: src-shared/store-api/endpoints/organisations.ts)
// and which kinds may sit under which.
import type { Organisation, OrganisationKind, Room } from '../../db/schema';
import type { OrganisationView, RoomView } from '../../../src-shared/store-api/endpoints/organisations';

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

export const toOrganisationView = (o: Organisation): OrganisationView => ({
  id: o.id,
  kind: o.kind,
  parentId: o.parent_id,
  code: o.code,
  name: o.name,
  createdAt: o.created_at,
});

export const toRoomView = (r: Room): RoomView => ({
  id: r.id,
  organisationId: r.organisation_id,
  name: r.name,
  createdAt: r.created_at,
});

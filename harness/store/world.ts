// A small province built through the API: two prisons (wards, rooms), two
// bureaus (an office, rooms), and a logged-in account for each persona.
import { ADMIN_PASSWORD, ADMIN_USERNAME } from './store';
import type { TestStore } from './store';

export const STAFF_PASSWORD = 'Staff-password-1';

export interface Site {
  id: string;
  roomId: string;
}

export interface World {
  provinceId: string;
  prisonA: Site & { wardId: string; ward2Id: string };
  prisonB: Site & { wardId: string };
  bureauA: Site & { officeId: string };
  bureauB: Site;
  tokens: {
    provinceAdmin: string;
    supervisor: string;
    prisonAAdmin: string;
    prisonAWarden: string;
    prisonAReviewer: string;
    wardA1Admin: string;
    prisonBAdmin: string;
    bureauAAdmin: string;
    bureauAReviewer: string;
    officeAReviewer: string;
    bureauBAdmin: string;
  };
}

export async function expectCreated<T = { id: string }>(promise: Promise<{ status: number; body: unknown }>): Promise<T> {
  const res = await promise;
  if (res.status !== 201) throw new Error(`expected 201, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as T;
}

export async function buildWorld(store: TestStore): Promise<World> {
  const admin = await store.login(ADMIN_USERNAME, ADMIN_PASSWORD);
  const me = await store.call('GET', '/api/auth/me', { token: admin });
  const provinceId: string = me.body.staff.organisationId;

  const org = (kind: string, parentId: string, code: string, name: string) =>
    expectCreated(store.call('POST', '/api/organisations', { token: admin, body: { kind, parentId, code, name } }));
  const room = (organisationId: string, name: string) =>
    expectCreated(store.call('POST', '/api/rooms', { token: admin, body: { organisationId, name } }));
  const staff = async (organisationId: string, username: string, roles: string[]) => {
    await expectCreated(
      store.call('POST', '/api/staff', {
        token: admin,
        body: { organisationId, username, displayName: username, password: STAFF_PASSWORD, roles },
      }),
    );
    return store.login(username, STAFF_PASSWORD);
  };

  const prisonA = await org('prison', provinceId, 'P-A', '甲监狱');
  const wardA1 = await org('ward', prisonA.id, 'P-A-W1', '一监区');
  const wardA2 = await org('ward', prisonA.id, 'P-A-W2', '二监区');
  const prisonB = await org('prison', provinceId, 'P-B', '乙监狱');
  const wardB1 = await org('ward', prisonB.id, 'P-B-W1', '一监区');
  const bureauA = await org('bureau', provinceId, 'B-A', '甲县司法局');
  const officeA = await org('office', bureauA.id, 'B-A-O1', '甲镇司法所');
  const bureauB = await org('bureau', provinceId, 'B-B', '乙县司法局');

  const roomPrisonA = await room(wardA1.id, '一监区会见室');
  const roomPrisonB = await room(prisonB.id, '会见室');
  const roomBureauA = await room(bureauA.id, '会见室');
  const roomBureauB = await room(bureauB.id, '会见室');

  return {
    provinceId,
    prisonA: { id: prisonA.id, roomId: roomPrisonA.id, wardId: wardA1.id, ward2Id: wardA2.id },
    prisonB: { id: prisonB.id, roomId: roomPrisonB.id, wardId: wardB1.id },
    bureauA: { id: bureauA.id, roomId: roomBureauA.id, officeId: officeA.id },
    bureauB: { id: bureauB.id, roomId: roomBureauB.id },
    tokens: {
      provinceAdmin: admin,
      supervisor: await staff(provinceId, 'supervisor', ['supervisor']),
      prisonAAdmin: await staff(prisonA.id, 'prison-a-admin', ['administrator']),
      prisonAWarden: await staff(prisonA.id, 'prison-a-warden', ['warden']),
      prisonAReviewer: await staff(prisonA.id, 'prison-a-reviewer', ['reviewer']),
      wardA1Admin: await staff(wardA1.id, 'ward-a1-admin', ['administrator']),
      prisonBAdmin: await staff(prisonB.id, 'prison-b-admin', ['administrator']),
      bureauAAdmin: await staff(bureauA.id, 'bureau-a-admin', ['administrator']),
      bureauAReviewer: await staff(bureauA.id, 'bureau-a-reviewer', ['reviewer']),
      officeAReviewer: await staff(officeA.id, 'office-a-reviewer', ['reviewer']),
      bureauBAdmin: await staff(bureauB.id, 'bureau-b-admin', ['administrator']),
    },
  };
}

/** Valid resident ID numbers (GB 11643 check digit), a Yunnan (53) region code unless another is given. */
export function residentId(birth: string, serial = '123', region = '530102'): string {
  const first17 = `${region}${birth.replaceAll('-', '')}${serial}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (weights[i] ?? 0);
  return first17 + '10X98765432'.charAt(sum % 11);
}

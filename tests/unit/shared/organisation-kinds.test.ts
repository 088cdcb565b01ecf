import { describe, expect, it } from 'vitest';
import {
  CHILD_ORGANISATION_KINDS,
  ORGANISATION_KINDS,
  organisationKindSchema,
  SITE_KINDS,
  siteKindSchema,
} from '../../../src-shared/organisations/kinds';

describe('organisation and site kinds', () => {
  it('the province and the four kinds below it', () => {
    expect(ORGANISATION_KINDS).toEqual(['province', 'prison', 'ward', 'bureau', 'office']);
    expect(CHILD_ORGANISATION_KINDS).toEqual(ORGANISATION_KINDS.filter((k) => k !== 'province'));
  });

  it('sites are prisons, bureaus and offices: not the province, not a ward', () => {
    expect(SITE_KINDS).toEqual(['prison', 'bureau', 'office']);
    for (const k of SITE_KINDS) expect(siteKindSchema.safeParse(k).success).toBe(true);
    expect(siteKindSchema.safeParse('province').success).toBe(false);
    expect(siteKindSchema.safeParse('ward').success).toBe(false);
  });

  it('the schema accepts exactly the declared kinds', () => {
    for (const k of ORGANISATION_KINDS) expect(organisationKindSchema.parse(k)).toBe(k);
    for (const bad of ['Prison', '', 'county', null, 3]) expect(organisationKindSchema.safeParse(bad).success).toBe(false);
  });
});

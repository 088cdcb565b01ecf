// Cards for the simulator, described in JSON (harness/fixtures/idcards/*.json)
// with readable values; encodeCardText() lays them out as a real chip would.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { isIsoDate } from '../../../src-shared/calendar/iso-date';

const isoDate = z.string().refine(isIsoDate, '应为 YYYY-MM-DD 日期');
const validTo = z.union([isoDate, z.literal('长期')]);
const sex = z.enum(['male', 'female']);

const common = {
  /** What the fixture is for, for people reading the tests. */
  description: z.string().optional(),
  sex,
  birthDate: isoDate,
  idNumber: z.string().min(1),
  validFrom: isoDate,
  validTo,
};

export const cardFixtureSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('resident'),
      ...common,
      name: z.string().min(1).max(15),
      /** GB 3304 two-digit code, e.g. '01' 汉. */
      nation: z.string().regex(/^\d{2}$/),
      address: z.string().min(1).max(35),
      issuingAuthority: z.string().min(1).max(15),
    })
    .strict(),
  z
    .object({
      kind: z.literal('hk-macao-taiwan'),
      ...common,
      name: z.string().min(1).max(15),
      address: z.string().min(1).max(35),
      issuingAuthority: z.string().min(1).max(15),
      passNumber: z.string().max(9),
      issueCount: z.number().int().min(0).max(99),
    })
    .strict(),
  z
    .object({
      kind: z.literal('foreign-2017'),
      ...common,
      englishName: z.string().min(1).max(60),
      name: z.string().max(15).optional(),
      nationalityCode: z.string().regex(/^[A-Z]{3}$/),
      cardVersion: z.string().max(2),
      authorityCode: z.string().max(4),
    })
    .strict(),
  z
    .object({
      kind: z.literal('foreign-2023'),
      ...common,
      englishName: z.string().min(1).max(46),
      name: z.string().max(15).optional(),
      nationalityCode: z.string().regex(/^[A-Z]{3}$/),
      renewalCount: z.number().int().min(0).max(99),
      previousNumberLink: z.string().max(3).optional(),
    })
    .strict(),
]);

export type CardFixture = z.infer<typeof cardFixtureSchema>;

/** Reads and checks one fixture file; throws with the file name on bad content. */
export function loadCardFixture(file: string): CardFixture {
  const parsed = cardFixtureSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.message}`);
  return parsed.data;
}

// Writes new inmate rows; used by POST /api/inmates and the CSV import.
import type { Kysely, Transaction } from 'kysely';
import { newId } from '../../ids';
import type { Database, Inmate } from '../../db/schema';
import type { InmateFields } from '../../../src-shared/store-api/inmate-input';

export interface PlacedInmate extends InmateFields {
  prisonId: string;
  wardId: string;
}

export function toInmateRow(input: PlacedInmate, now: string): Inmate {
  return {
    id: newId(),
    prison_id: input.prisonId,
    ward_id: input.wardId,
    inmate_number: input.inmateNumber,
    name: input.name,
    id_number: input.idNumber ?? null,
    birth_date: input.birthDate,
    citizenship: input.citizenship.kind,
    citizenship_country: input.citizenship.kind === 'foreign' ? input.citizenship.country : null,
    limited_civil_capacity: input.limitedCivilCapacity ? 1 : 0,
    admitted_on: input.admittedOn ?? null,
    home_address: input.homeAddress ?? null,
    created_at: now,
    updated_at: now,
  };
}

// Stays well under SQLite's bound-parameter limit (14 columns a row).
const CHUNK = 200;

export async function insertInmateRows(db: Kysely<Database> | Transaction<Database>, rows: Inmate[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('inmates')
      .values(rows.slice(i, i + CHUNK))
      .execute();
  }
}

/** Which of these inmate numbers the prison already uses. */
export async function existingInmateNumbers(
  db: Kysely<Database> | Transaction<Database>,
  prisonId: string,
  numbers: string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < numbers.length; i += 500) {
    const rows = await db
      .selectFrom('inmates')
      .select('inmate_number')
      .where('prison_id', '=', prisonId)
      .where('inmate_number', 'in', numbers.slice(i, i + 500))
      .execute();
    for (const r of rows) found.add(r.inmate_number);
  }
  return found;
}

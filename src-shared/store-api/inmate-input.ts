// What a new inmate record must contain, for POST /api/inmates and for each
// row of a CSV import (the same checks, so the same zh-CN messages).
import { z } from 'zod';
import { isoDateSchema } from '../calendar/iso-date-schema';
import { parseIdNumber } from '../id-number';
import { citizenshipSchema } from '../regulation/inmate';
import { personName, plainText } from '../text/plain-text';

export const inmateNumberSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{1,32}$/, '罪犯编号为 1 到 32 位字母、数字或连字符');

const idNumberSchema = z
  .string('证件号码须为文本')
  .trim()
  .max(32, { message: '证件号码不能超过 32 个字符', abort: true })
  .transform((value) => value.toUpperCase())
  .superRefine((value, ctx) => {
    const parsed = parseIdNumber(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
  });

/** 家庭住址: one line, as on the forms' 住址 row. */
export const inmateHomeAddressSchema = plainText('家庭住址', 200);

/** Every field but the ward, which the API names by id and a CSV file by code or name. */
const inmateFields = {
  inmateNumber: inmateNumberSchema,
  name: personName('罪犯姓名'),
  birthDate: isoDateSchema,
  idNumber: idNumberSchema.optional(),
  citizenship: citizenshipSchema.default({ kind: 'chinese' }),
  limitedCivilCapacity: z.boolean().default(false),
  admittedOn: isoDateSchema.optional(),
  /** 家庭住址, printed on Forms 1 and 2 (R8.1, R9.1). */
  homeAddress: inmateHomeAddressSchema.optional(),
};

function birthDateMatchesIdNumber(inmate: { birthDate: string; idNumber?: string | undefined }, ctx: z.RefinementCtx): void {
  if (inmate.idNumber === undefined) return;
  const parsed = parseIdNumber(inmate.idNumber);
  if (parsed.ok && parsed.value.birthDate !== undefined && parsed.value.birthDate !== inmate.birthDate) {
    ctx.addIssue({
      code: 'custom',
      path: ['birthDate'],
      message: `出生日期与证件号码中的出生日期（${parsed.value.birthDate}）不一致`,
    });
  }
}

export const inmateFieldsSchema = z.object(inmateFields).superRefine(birthDateMatchesIdNumber);

export const createInmateBody = z
  .object({ ...inmateFields, wardId: z.uuid('须为 UUID') })
  .superRefine(birthDateMatchesIdNumber)
  .meta({ id: 'NewInmate' });
export type InmateFields = z.output<typeof inmateFieldsSchema>;

/** What the desk's inmates view may change of a record: the home address Forms 1 and 2 print (R8.1, R9.1); null clears it. */
export const updateInmateBody = z
  .object({ homeAddress: inmateHomeAddressSchema.nullable() })
  .strict()
  .meta({ id: 'InmateUpdate' });
export type UpdateInmateBody = z.output<typeof updateInmateBody>;

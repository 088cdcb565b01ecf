import { z } from 'zod';
import { isoDateSchema } from '../calendar/iso-date-schema';
import { identityDocumentSchema, visitorRoleSchema } from './visitor';

// Application Forms 1 (inmate applies, R9.1) and 2 (relatives, guardians and
// others allowed, R8.1), up to six persons each.

const personSchema = z.object({
  name: z.string().trim().min(1),
  /** 与罪犯关系: a family code of R36.1/R37.1, or an R34.1 special visitor (Form 2). */
  role: visitorRoleSchema,
  document: identityDocumentSchema,
  address: z.string().trim().min(1),
  phone: z.string().regex(/^[0-9+\-() ]{5,20}$/),
});

/** 批准远程视频会见安排: the arrangement printed at the bottom of both forms. */
export const arrangementSchema = z.object({
  date: isoDateSchema,
  halfDay: z.enum(['morning', 'afternoon']),
  place: z.string().trim().min(1),
  visitsPerMonth: z.number().int().positive(),
  minutesPerVisit: z.number().int().positive(),
  opinion: z.string().trim().min(1),
  decidedOn: isoDateSchema,
});

const common = {
  id: z.string().min(1),
  inmateId: z.string().min(1),
  appliedOn: isoDateSchema,
  channel: z.enum(['desk', 'online', 'api']), // R8.1: desk, WeChat mini program or API
  persons: z.array(personSchema).min(1).max(6),
  arrangement: arrangementSchema.nullable().default(null),
};

export const applicationSchema = z.discriminatedUnion('form', [
  // 表一：罪犯申请. 在 州（市） 县（市、区） 的亲属、监护人.
  z.object({
    form: z.literal('form-1'),
    ...common,
    inmateName: z.string().trim().min(1),
    prefecture: z.string().trim().min(1),
    county: z.string().trim().min(1),
    wardId: z.string().min(1),
  }),
  // 表二：亲属、监护人和其他按规定允许会见的人员申请. 在 监狱 监区 服刑的 罪犯.
  z.object({
    form: z.literal('form-2'),
    ...common,
    prisonName: z.string().trim().min(1),
    wardName: z.string().trim().min(1),
    inmateName: z.string().trim().min(1),
    /** The county bureau (or office) that received it (R6.1, R6.2). */
    receivedBy: z.string().min(1),
  }),
]);

export type ApplicationPerson = z.infer<typeof personSchema>;
export type Arrangement = z.infer<typeof arrangementSchema>;
export type Application = z.infer<typeof applicationSchema>;
export type ApplicationInput = z.input<typeof applicationSchema>;

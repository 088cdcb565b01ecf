// Visits and slots: the list (R18.1 interrupted visits awaiting their priority reschedule
// first), a visit's outcome, rescheduling, and the free slots of both rooms for a date.
// A visit is booked by the prison's approval (./applications). Staff only.
import { z } from 'zod';
import { clockTimeSchema } from '../../calendar/iso-date-schema';
import { decisionSchema, slotsSchema, VISIT_OUTCOMES, VISIT_STATUSES, visitRecordSchema } from '../../desk/records';
import { TERMINATION_REASON_CODES } from '../../regulation/reason-codes';
import { idParamsSchema, isoDate, note } from '../common';
import type { StoreEndpoint } from '../endpoint';
import { slotFields } from './applications';

/** The reason's code for the overview: R16.1/R17.1 termination codes, R18.1, or 'other' with words. */
export const OUTCOME_REASON_CODES = [...TERMINATION_REASON_CODES, 'R18.1', 'other'] as const;

export const visitEndpoints = {
  list: {
    method: 'GET',
    path: '/api/visits',
    query: z.object({
      date: isoDate.optional(),
      from: isoDate.optional(),
      to: isoDate.optional(),
      status: z.enum(VISIT_STATUSES).optional(),
      roomId: z.uuid().optional(),
      limit: z.coerce.number().int().min(1).max(500).default(200),
    }),
    response: z.array(visitRecordSchema),
  },
  get: { method: 'GET', path: '/api/visits/:id', params: idParamsSchema, response: visitRecordSchema },
  outcome: {
    method: 'POST',
    path: '/api/visits/:id/status',
    params: idParamsSchema,
    body: z.object({
      status: z.enum(VISIT_OUTCOMES),
      reasonCode: z.enum(OUTCOME_REASON_CODES, '原因代码不在规定的列表中（R17.1 各项、R18.1 或 other）').optional(),
      reason: note(500, '原因').optional(),
    }),
    response: visitRecordSchema,
  },
  reschedule: {
    method: 'POST',
    path: '/api/visits/:id/reschedule',
    params: idParamsSchema,
    body: z.object({ ...slotFields, roomId: z.uuid().optional(), remoteRoomId: z.uuid().optional() }),
    response: z.object({ visit: visitRecordSchema, decision: decisionSchema }),
  },
  slots: {
    method: 'GET',
    path: '/api/slots',
    query: z.object({
      date: isoDate,
      roomId: z.uuid(),
      remoteRoomId: z.uuid(),
      minutes: z.coerce.number().int().min(5).max(240).default(30),
      step: z.coerce.number().int().min(5).max(240).optional(),
      from: clockTimeSchema.optional(),
      to: clockTimeSchema.optional(),
    }),
    response: slotsSchema,
  },
} as const satisfies Record<string, StoreEndpoint>;

// Organisations (prisons, wards, bureaus, offices under the province) and their
// visitation rooms. Reads are scoped; creation needs an administrator whose scope holds the parent.
import { z } from 'zod';
import { CHILD_ORGANISATION_KINDS, organisationKindSchema } from '../../organisations/kinds';
import { idParamsSchema, listQuerySchema, text } from '../common';
import type { StoreEndpoint } from '../endpoint';

export const organisationSchema = z
  .object({
    id: z.string(),
    kind: organisationKindSchema,
    parentId: z.string().nullable(),
    code: z.string(),
    name: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'Organisation' });
export type OrganisationView = z.infer<typeof organisationSchema>;

export const roomSchema = z
  .object({ id: z.string(), organisationId: z.string(), name: z.string(), createdAt: z.string() })
  .meta({ id: 'Room' });
export type RoomView = z.infer<typeof roomSchema>;

export const createOrganisationBody = z.object({
  kind: z.enum(CHILD_ORGANISATION_KINDS),
  parentId: z.uuid('须为 UUID'),
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, '编码只能含字母、数字、下划线和连字符，最长 32 位'),
  name: text(100, '单位名称'),
});

export const organisationEndpoints = {
  list: {
    method: 'GET',
    path: '/api/organisations',
    query: listQuerySchema.extend({ kind: organisationKindSchema.optional(), parentId: z.uuid().optional() }),
    response: z.array(organisationSchema),
  },
  get: { method: 'GET', path: '/api/organisations/:id', params: idParamsSchema, response: organisationSchema },
  create: { method: 'POST', path: '/api/organisations', body: createOrganisationBody, status: 201, response: organisationSchema },
  rooms: {
    method: 'GET',
    path: '/api/rooms',
    query: listQuerySchema.extend({ organisationId: z.uuid().optional() }),
    response: z.array(roomSchema),
  },
  /** A terminal reads its own room only. */
  room: { method: 'GET', path: '/api/rooms/:id', params: idParamsSchema, response: roomSchema },
  createRoom: {
    method: 'POST',
    path: '/api/rooms',
    body: z.object({ organisationId: z.uuid('须为 UUID'), name: text(100, '会见室名称') }),
    status: 201,
    response: roomSchema,
  },
} as const satisfies Record<string, StoreEndpoint>;

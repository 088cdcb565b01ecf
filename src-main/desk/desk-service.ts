// desk.*: the desk screens' requests, done by main against the
// central store's API with the clerk's token (./desk-session). Each method
// answers a DeskOutcome; the store decides and scopes everything (a clerk of
// one bureau never sees another bureau's applications), this only relays.
import { z } from 'zod';
import type { KioskServices } from '../../src-shared/ipc/types';
import { organisationKindSchema } from '../../src-shared/organisations/kinds';
import type { DeskOutcome, DeskStaff } from '../../src-shared/desk/outcome';
import { DESK_ROLES } from '../../src-shared/desk/outcome';
import { overviewSchema } from '../../src-shared/desk/overview';
import {
  applicationPreviewSchema,
  applicationRecordSchema,
  applicationRoomsSchema,
  applicationSummarySchema,
  dayInfoSchema,
  decisionSchema,
  dueDateSchema,
  inmateLookupSchema,
  inmateRecordSchema,
  inmateSummarySchema,
  queueItemSchema,
  siteSchema,
  slotsSchema,
  visitRecordSchema,
} from '../../src-shared/desk/records';
import type { TerminalConfig } from '../config/schema';
import { createCardIdentityReader } from './card-identity';
import { DeskSessionHolder } from './desk-session';
import { createStoreHttp, type FetchLike, type StoreRequest } from '../central-store/store-http';
import { deskOutcomeOf, notLoggedIn } from './refusal';
import { savePdf, type PdfSource } from './save-pdf';
import { suspensionProposalSchema } from '../../src-shared/desk/suspension-proposal';

type Desk = KioskServices['desk'];

export interface DeskServiceOptions {
  /** Tests point the desk at a store they started; default: the terminal config's centralStoreUrl. */
  baseUrl?: string;
  fetch?: FetchLike;
  timeoutMs?: number;
  /** Where savePdf gets the PDF bytes (the shell's printToPDF; page.pdf in the e2e harness); null: no printer. */
  pdf?: PdfSource | null;
  /** The clerk's session, shared with the dispatcher's access check (a new one by default). */
  session?: DeskSessionHolder;
}

const staffAnswer = z.object({
  id: z.string(),
  organisationId: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(DESK_ROLES)),
});
const loginAnswer = z.object({ token: z.string(), expiresAt: z.string(), staff: staffAnswer });
const meAnswer = z.object({ kind: z.literal('staff'), staff: staffAnswer });
const organisationAnswer = z.object({ id: z.string(), kind: organisationKindSchema, name: z.string(), parentId: z.string().nullable() });

const id = (value: string) => encodeURIComponent(value);

export function createDeskService(ctx: { readonly config: TerminalConfig; readonly now: () => Date }, options: DeskServiceOptions = {}): Desk {
  const http = createStoreHttp({ baseUrl: options.baseUrl ?? ctx.config.centralStoreUrl, timeoutMs: options.timeoutMs ?? 20_000, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const store = {
    json: async <S extends z.ZodType>(request: StoreRequest, schema: S): Promise<DeskOutcome<z.infer<S>>> => deskOutcomeOf(await http.json(request, schema), request.path),
    text: async (request: StoreRequest) => deskOutcomeOf(await http.text(request), request.path),
  };
  const session = options.session ?? new DeskSessionHolder();
  const readCard = createCardIdentityReader(ctx.config.idCardReader, ctx.now);

  /** A call with the clerk's token; a 401 means the token has expired or was revoked: the clerk is logged out. */
  async function call<S extends z.ZodType>(request: Omit<StoreRequest, 'token'>, schema: S): Promise<DeskOutcome<z.infer<S>>> {
    const current = session.get();
    if (current === null) return { accepted: false, refusal: notLoggedIn() };
    const answer = await store.json({ ...request, token: current.token }, schema);
    if (!answer.accepted && answer.refusal.code === 'UNAUTHENTICATED') session.clear();
    return answer;
  }
  const get = <S extends z.ZodType>(path: string, schema: S, query?: StoreRequest['query']) => call({ method: 'GET', path, ...(query ? { query } : {}) }, schema);
  const post = <S extends z.ZodType>(path: string, schema: S, body: unknown = {}) => call({ method: 'POST', path, body }, schema);

  async function staffView(token: string, staff: z.infer<typeof staffAnswer>): Promise<DeskOutcome<DeskStaff>> {
    const org = await store.json({ method: 'GET', path: `/api/organisations/${id(staff.organisationId)}`, token }, organisationAnswer);
    if (!org.accepted) return org;
    return {
      accepted: true,
      value: {
        staffId: staff.id,
        username: staff.username,
        displayName: staff.displayName,
        roles: staff.roles,
        organisation: org.value,
        loggedInAt: session.get()?.staff.loggedInAt ?? ctx.now().toISOString(),
      },
    };
  }

  const application = (applicationId: string, action: string, body: unknown = {}) => post(`/api/applications/${id(applicationId)}/${action}`, applicationRecordSchema, body);

  return {
    async login({ username, password }) {
      const answer = await store.json({ method: 'POST', path: '/api/auth/login', token: null, body: { username, password } }, loginAnswer);
      if (!answer.accepted) return answer;
      // Another clerk taking over the desk: the previous session ends at the store too.
      const previous = session.get();
      session.clear();
      if (previous !== null) await store.json({ method: 'POST', path: '/api/auth/logout', token: previous.token }, z.unknown());
      const view = await staffView(answer.value.token, answer.value.staff);
      if (!view.accepted) return view;
      session.set({ token: answer.value.token, staff: view.value });
      return view;
    },
    async logout() {
      const current = session.get();
      session.clear();
      // Forgotten here first: even when the store cannot be reached, this desk is logged out.
      if (current !== null) await store.json({ method: 'POST', path: '/api/auth/logout', token: current.token }, z.unknown());
      return { accepted: true, value: null };
    },
    async me() {
      const current = session.get();
      if (current === null) return { accepted: true, value: null };
      const answer = await store.json({ method: 'GET', path: '/api/auth/me', token: current.token }, meAnswer);
      if (!answer.accepted) {
        if (answer.refusal.code === 'UNAUTHENTICATED') {
          session.clear();
          return { accepted: true, value: null };
        }
        return answer;
      }
      return { accepted: true, value: current.staff };
    },

    previewApplication: (input) => post('/api/applications/preview', applicationPreviewSchema, { ...input, channel: 'desk' }),
    submitApplication: (input) => post('/api/applications', applicationRecordSchema, { ...input, channel: 'desk' }),
    listApplications: (args) => get('/api/applications', z.array(applicationSummarySchema), args),
    getApplication: ({ applicationId }) => get(`/api/applications/${id(applicationId)}`, applicationRecordSchema),
    sites: (args) => get('/api/directory/sites', z.array(siteSchema), args),

    reviewQueue: (args) => get('/api/review-queue', z.array(queueItemSchema), args),
    forward: ({ applicationId }) => application(applicationId, 'forward'),
    refuse: ({ applicationId, reason }) => application(applicationId, 'refuse', { reason }),
    approve: ({ applicationId, ...slot }) => application(applicationId, 'approve', slot),
    notify: ({ applicationId, ...body }) => application(applicationId, 'notify', body),
    consent: ({ applicationId, ...body }) => application(applicationId, 'consent', body),
    informInmate: ({ applicationId, ...body }) => application(applicationId, 'inform-inmate', body),
    approveException: ({ applicationId, ...body }) => application(applicationId, 'exceptions', body),
    applicationRooms: ({ applicationId }) => get(`/api/applications/${id(applicationId)}/rooms`, applicationRoomsSchema),

    slots: (args) => get('/api/slots', slotsSchema, args),
    visits: (args) => get('/api/visits', z.array(visitRecordSchema), args),
    reschedule: ({ visitId, ...body }) => post(`/api/visits/${id(visitId)}/reschedule`, z.object({ visit: visitRecordSchema, decision: decisionSchema }), body),
    visitOutcome: ({ visitId, ...body }) => post(`/api/visits/${id(visitId)}/status`, visitRecordSchema, body),

    searchInmates: (args) => get('/api/inmates', z.array(inmateSummarySchema), args),
    lookupInmate: async (args) => {
      const answer = await get('/api/inmates/lookup', z.array(inmateLookupSchema), args);
      return answer.accepted ? { accepted: true, value: answer.value[0] ?? null } : answer;
    },
    inmate: ({ inmateId }) => get(`/api/inmates/${id(inmateId)}`, inmateRecordSchema),
    addStatusPeriod: ({ inmateId, period }) => post(`/api/inmates/${id(inmateId)}/status-periods`, inmateRecordSchema, period),
    endStatusPeriod: ({ inmateId, periodId, end }) => post(`/api/inmates/${id(inmateId)}/status-periods/${id(periodId)}/end`, inmateRecordSchema, { end }),
    addPenalty: ({ inmateId, penalty }) => post(`/api/inmates/${id(inmateId)}/penalties`, inmateRecordSchema, penalty),
    addSuspension: ({ inmateId, suspension }) => post(`/api/inmates/${id(inmateId)}/suspensions`, inmateRecordSchema, suspension),
    suspensionProposals: (query) => get('/api/suspension-proposals', z.array(suspensionProposalSchema), query),

    overview: (query) => get('/api/overview', overviewSchema, query),
    async overviewCsv(query) {
      const current = session.get();
      if (current === null) return { accepted: false, refusal: notLoggedIn() };
      const answer = await store.text({ method: 'GET', path: '/api/overview.csv', token: current.token, query });
      if (!answer.accepted) {
        if (answer.refusal.code === 'UNAUTHENTICATED') session.clear();
        return answer;
      }
      return { accepted: true, value: { filename: answer.value.filename ?? `会见概况_${query.from}_${query.to}.csv`, csv: answer.value.text } };
    },

    dueDate: (query) => get('/api/calendar/due-date', dueDateSchema, query),
    calendarDay: ({ date }) => get(`/api/calendar/days/${id(date)}`, dayInfoSchema),

    readCard: () => readCard(),

    savePdf: ({ name }) => savePdf(options.pdf ?? null, ctx.config.dataDir, name, ctx.now()),
  };
}

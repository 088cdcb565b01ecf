// desk.*: the desk screens' requests, done by main against the
// central store's API with the clerk's token (./desk-session). Each method
// answers a DeskOutcome; the store decides and scopes everything (a clerk of
// one bureau never sees another bureau's applications), this only relays.
import { chinaDate } from '../../src-shared/calendar/china-time';
import type { KioskServices } from '../../src-shared/ipc/types';
import type { DeskOutcome, DeskStaff } from '../../src-shared/desk/outcome';
import { endpointPath, type EndpointAnswer, type EndpointInput, type StoreEndpoint } from '../../src-shared/store-api/endpoint';
import { applicationEndpoints } from '../../src-shared/store-api/endpoints/applications';
import { arrangementEndpoints } from '../../src-shared/store-api/endpoints/arrangements';
import { authEndpoints } from '../../src-shared/store-api/endpoints/auth';
import { calendarEndpoints } from '../../src-shared/store-api/endpoints/calendar';
import { inmateEndpoints } from '../../src-shared/store-api/endpoints/inmates';
import { organisationEndpoints } from '../../src-shared/store-api/endpoints/organisations';
import { overviewEndpoints } from '../../src-shared/store-api/endpoints/overview';
import type { StaffView } from '../../src-shared/store-api/endpoints/staff';
import { visitEndpoints } from '../../src-shared/store-api/endpoints/visits';
import { monitorEndpoints } from '../../src-shared/store-api/endpoints/monitor';
import type { DeskObserverEvent } from '../../src-shared/ipc/desk-monitor-contract';
import { DeskObservers } from './desk-observers';
import type { TerminalConfig } from '../config/schema';
import { createCardIdentityReader } from './card-identity';
import { createDeskFleetMethods } from './desk-fleet';
import { DeskSessionHolder } from './desk-session';
import { createStoreHttp, type FetchLike } from '../central-store/store-http';
import { answerRefusal, deskOutcomeOf, notLoggedIn } from './refusal';
import { deskProofs } from './desk-proofs';
import { deskNotifications } from './desk-notifications';
import { deskRecordings } from './desk-recordings';
import { savePdf, type PdfSource } from './save-pdf';

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
  /** Issue #19: what the store sends the desk's observer sockets, to the desk window. */
  observed?: (event: DeskObserverEvent) => void;
}

export function createDeskService(
  ctx: { readonly config: TerminalConfig; readonly now: () => Date },
  options: DeskServiceOptions = {},
): Desk {
  const http = createStoreHttp({
    baseUrl: options.baseUrl ?? ctx.config.centralStoreUrl,
    timeoutMs: options.timeoutMs ?? 20_000,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  /** The path a refusal names: the endpoint's, with its parameters filled in. */
  const pathOf = <E extends StoreEndpoint>(endpoint: E, input: EndpointInput<E>) =>
    endpointPath(endpoint, (input as { params?: Record<string, unknown> }).params);
  const store = {
    json: async <E extends StoreEndpoint>(
      endpoint: E,
      input: EndpointInput<E>,
      token: string | null,
    ): Promise<DeskOutcome<EndpointAnswer<E>>> => deskOutcomeOf(await http.json(endpoint, input, token), pathOf(endpoint, input)),
    text: async <E extends StoreEndpoint>(endpoint: E, input: EndpointInput<E>, token: string) =>
      deskOutcomeOf(await http.text(endpoint, input, token), pathOf(endpoint, input)),
  };
  const session = options.session ?? new DeskSessionHolder();
  const readCard = createCardIdentityReader(ctx.config.idCardReader, ctx.now);
  const observers = new DeskObservers(options.baseUrl ?? ctx.config.centralStoreUrl, options.observed ?? (() => undefined));

  /** A call with the clerk's token; a 401 means the token has expired or was revoked: the clerk is logged out. */
  async function call<E extends StoreEndpoint>(endpoint: E, input: EndpointInput<E>): Promise<DeskOutcome<EndpointAnswer<E>>> {
    const current = session.get();
    if (current === null) return { accepted: false, refusal: notLoggedIn() };
    const answer = await store.json(endpoint, input, current.token);
    if (!answer.accepted && answer.refusal.code === 'UNAUTHENTICATED') session.clear();
    return answer;
  }

  /** The same for a text answer (CSV): its text and the file name the store suggests. */
  async function callText<E extends StoreEndpoint>(endpoint: E, input: EndpointInput<E>) {
    const current = session.get();
    if (current === null) return { accepted: false as const, refusal: notLoggedIn() };
    const answer = await store.text(endpoint, input, current.token);
    if (!answer.accepted && answer.refusal.code === 'UNAUTHENTICATED') session.clear();
    return answer;
  }

  async function staffView(token: string, staff: StaffView): Promise<DeskOutcome<DeskStaff>> {
    const org = await store.json(organisationEndpoints.get, { params: { id: staff.organisationId } }, token);
    if (!org.accepted) return org;
    const { id, kind, name, parentId } = org.value;
    return {
      accepted: true,
      value: {
        staffId: staff.id,
        username: staff.username,
        displayName: staff.displayName,
        roles: staff.roles,
        organisation: { id, kind, name, parentId },
        loggedInAt: session.get()?.staff.loggedInAt ?? ctx.now().toISOString(),
      },
    };
  }

  return {
    async login({ username, password }) {
      const answer = await store.json(authEndpoints.login, { body: { username, password } }, null);
      if (!answer.accepted) return answer;
      // Another clerk taking over the desk: the previous session ends at the store too.
      const previous = session.get();
      session.clear();
      if (previous !== null) await store.json(authEndpoints.logout, {}, previous.token);
      const view = await staffView(answer.value.token, answer.value.staff);
      if (!view.accepted) return view;
      session.set({ token: answer.value.token, staff: view.value });
      return view;
    },
    async logout() {
      const current = session.get();
      session.clear();
      observers.closeAll();
      // Forgotten here first: even when the store cannot be reached, this desk is logged out.
      if (current !== null) await store.json(authEndpoints.logout, {}, current.token);
      return { accepted: true, value: null };
    },
    async me() {
      const current = session.get();
      if (current === null) return { accepted: true, value: null };
      const answer = await store.json(authEndpoints.me, {}, current.token);
      if (!answer.accepted) {
        if (answer.refusal.code === 'UNAUTHENTICATED') {
          session.clear();
          return { accepted: true, value: null };
        }
        return answer;
      }
      // The desk's token is a clerk's; any other caller is an answer the desk cannot use.
      if (answer.value.kind !== 'staff') return { accepted: false, refusal: answerRefusal(authEndpoints.me.path) };
      return { accepted: true, value: current.staff };
    },

    previewApplication: (input) => call(applicationEndpoints.preview, { body: { ...input, channel: 'desk' } }),
    submitApplication: (input) => call(applicationEndpoints.submit, { body: { ...input, channel: 'desk' } }),
    listApplications: (args) => call(applicationEndpoints.list, { query: args }),
    getApplication: ({ applicationId }) => call(applicationEndpoints.get, { params: { id: applicationId } }),
    sites: (args) => call(applicationEndpoints.sites, { query: args }),

    reviewQueue: (args) => call(applicationEndpoints.reviewQueue, { query: args }),
    forward: ({ applicationId }) => call(applicationEndpoints.forward, { params: { id: applicationId }, body: {} }),
    refuse: ({ applicationId, reason }) => call(applicationEndpoints.refuse, { params: { id: applicationId }, body: { reason } }),
    approve: ({ applicationId, ...slot }) => call(applicationEndpoints.approve, { params: { id: applicationId }, body: slot }),
    notify: ({ applicationId, ...body }) => call(applicationEndpoints.notify, { params: { id: applicationId }, body }),
    consent: ({ applicationId, ...body }) => call(applicationEndpoints.consent, { params: { id: applicationId }, body }),
    informInmate: ({ applicationId, ...body }) =>
      call(applicationEndpoints.informInmate, { params: { id: applicationId }, body }),
    approveException: ({ applicationId, ...body }) =>
      call(applicationEndpoints.exception, { params: { id: applicationId }, body }),
    withdraw: ({ applicationId, reason }) =>
      call(applicationEndpoints.withdraw, { params: { id: applicationId }, body: { reason } }),
    applicationRooms: ({ applicationId }) => call(applicationEndpoints.rooms, { params: { id: applicationId } }),

    slots: (args) => call(visitEndpoints.slots, { query: args }),
    visits: (args) => call(visitEndpoints.list, { query: args }),
    reschedule: ({ visitId, ...body }) => call(visitEndpoints.reschedule, { params: { id: visitId }, body }),
    visitOutcome: ({ visitId, ...body }) => call(visitEndpoints.outcome, { params: { id: visitId }, body }),

    searchInmates: (args) => call(inmateEndpoints.list, { query: args }),
    lookupInmate: async (args) => {
      const answer = await call(inmateEndpoints.lookup, { query: args });
      return answer.accepted ? { accepted: true, value: answer.value[0] ?? null } : answer;
    },
    inmate: ({ inmateId }) => call(inmateEndpoints.get, { params: { id: inmateId } }),
    addStatusPeriod: ({ inmateId, period }) => call(inmateEndpoints.addStatusPeriod, { params: { id: inmateId }, body: period }),
    endStatusPeriod: ({ inmateId, periodId, end }) =>
      call(inmateEndpoints.endStatusPeriod, { params: { id: inmateId, periodId }, body: { end } }),
    importInmates: ({ fileName, bytes, commit }) =>
      call(inmateEndpoints.importFile, {
        body: {
          fileName,
          contentBase64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
          commit,
        },
      }),
    updateInmate: ({ inmateId, change }) => call(inmateEndpoints.update, { params: { id: inmateId }, body: change }),
    addPenalty: ({ inmateId, penalty }) => call(inmateEndpoints.addPenalty, { params: { id: inmateId }, body: penalty }),
    addSuspension: ({ inmateId, suspension }) =>
      call(inmateEndpoints.addSuspension, { params: { id: inmateId }, body: suspension }),
    suspensionProposals: (query) => call(inmateEndpoints.suspensionProposals, { query }),

    overview: (query) => call(overviewEndpoints.overview, { query }),
    async overviewCsv(query) {
      const answer = await callText(overviewEndpoints.csv, { query });
      if (!answer.accepted) return answer;
      return {
        accepted: true,
        value: { filename: answer.value.filename ?? `会见概况_${query.from}_${query.to}.csv`, csv: answer.value.text },
      };
    },

    arrangements: ({ prisonId }) => call(arrangementEndpoints.get, { params: { id: prisonId } }),
    setArrangements: ({ prisonId, arrangements }) =>
      call(arrangementEndpoints.set, { params: { id: prisonId }, body: arrangements }),

    dueDate: (query) => call(calendarEndpoints.dueDate, { query }),
    calendarDay: ({ date }) => call(calendarEndpoints.day, { params: { date } }),

    readCard: () => readCard(),

    // Issue #19: the monitoring centre (./desk-observers); the store checks role and scope.
    liveVisits: async () => {
      const answer = await call(monitorEndpoints.liveVisits, {});
      return answer.accepted ? { accepted: true, value: answer.value.visits } : answer;
    },
    observe: async ({ visitId }) => {
      const current = session.get();
      return current === null ? { accepted: false, refusal: notLoggedIn() } : observers.observe(visitId, current.token);
    },
    observerSignal: ({ visitId, to, data }) => observers.signal(visitId, to, data),
    observerAct: ({ visitId, act }) => observers.act(visitId, act),
    unobserve: ({ visitId }) => {
      observers.close(visitId);
      return { accepted: true, value: null };
    },

    savePdf: ({ name }) => savePdf(options.pdf ?? null, ctx.config.dataDir, name, ctx.now()),

    ...deskRecordings(call),
    ...deskProofs(call),
    ...deskNotifications(call),
    ...createDeskFleetMethods({ call, callText }, () => chinaDate(ctx.now())),
  };
}

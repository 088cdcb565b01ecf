// One terminal's visit-day runtime: the services of auth/checkin/visit/device call into it.
// It owns the administrators' login state, the card reader, and the day's clock: tick(now)
// forfeits visits whose start has passed with nobody checked in (R10.1) and locks the
// terminal after inactivity (R25.1). tick runs on a timer with the terminal's injectable
// clock, and before every step, so a test that moves the clock sees the same outcome.
import type { Database } from 'better-sqlite3';
import type { TerminalConfig } from '../config/schema';
import { stderrLogger, type Logger } from '../log/logger';
import type { AdminSession, AdminSessionState } from './admin-session';
import { validateManualEntry, type ManualEntryInput } from '../idcard/manual-entry';
import type { IdCardData } from '../idcard/card-data';
import { chinaDate } from '../../src-shared/calendar/china-time';
import type { RecordingManager } from '../recording/manager';
import { AdminAuth, type LoginOutcome } from './admin-auth';
import { CardReaderHolder, type CardReaderCheck } from './card-reader';
import { checkInVisitor, type StepOutcome } from './checkin';
import { declareDeposits, markDepositItem, refuseDeposit } from './deposits';
import { runEquipmentCheck, type RendererResults } from './equipment';
import { forfeitDueVisits } from './forfeit';
import { checkInInterpreter, type InterpreterInput } from './interpreter';
import { acknowledgeNotice } from './notice';
import { confirmInmateInPosition } from './inmate-position';
import { readiness, type Readiness } from './readiness';
import { outstandingReturns, type OutstandingReturn } from './returns';
import { checkOfficialDocuments, type PresentedDocuments } from './special-documents';
import { rememberSiteKind } from './terminal-side';
import { readDetails, shownStatus } from './visit-details';
import { listVisitsForDay } from './visit-store';
import { refusal, type Refusal } from './refusal';
import type { StepContext } from './step-context';
import { loadRoster, type DepositItem, type Roster, type VisitStatus } from './visit-model';

/** How often the day's clock runs without any call. */
export const TICK_INTERVAL_MS = 1_000;

export interface TodayVisit {
  visitId: string;
  date: string;
  startTime: string;
  minutes: number;
  inmateName: string;
  visitorCount: number;
  status: VisitStatus;
}

export interface VisitDay {
  login(username: string, password: string): Promise<LoginOutcome>;
  logout(staffId: string): AdminSession;
  lock(): AdminSession;
  activity(): AdminSession;
  today(): { date: string; visits: TodayVisit[] };
  roster(visitId: string): Roster;
  readCard(visitId: string): Promise<StepOutcome & { person: { name: string; documentNumber: string } | null }>;
  manualCheckin(
    visitId: string,
    entry: ManualEntryInput,
  ): StepOutcome & { person: { name: string; documentNumber: string } | null };
  interpreter(visitId: string, input: InterpreterInput): StepOutcome;
  acknowledgeNotice(visitId: string, documentNumber: string): StepOutcome;
  declareDeposits(
    visitId: string,
    documentNumber: string,
    items: ReadonlyArray<{ item: DepositItem; description: string }>,
  ): StepOutcome;
  depositItem(visitId: string, itemId: number, action: 'deposited' | 'returned'): StepOutcome;
  refuseDeposit(visitId: string, documentNumber: string): StepOutcome;
  /** R11.2 (prison terminal): the inmate has been brought to the room. */
  inmateInPosition(visitId: string): StepOutcome;
  /** R34.1: a special visitor's letter and credential checked against the approval. */
  checkDocuments(visitId: string, presented: PresentedDocuments): StepOutcome;
  /** R19.1: deposited items not yet handed back. */
  outstandingReturns(): OutstandingReturn[];
  equipmentCheck(visitId: string, results: RendererResults): Promise<StepOutcome>;
  readiness(visitId: string): Readiness;
  /** The card reader's health as its last read showed it (for the heartbeat); null before one. */
  cardReaderCheck(): CardReaderCheck | null;
  tick(now?: Date): { forfeited: string[]; locked: boolean };
  /** R25.1: applies a due inactivity lock now (the dispatcher asks before every call); true if it locked. */
  lockIfIdle(): boolean;
  close(): void;
}

/** What the visit day runs on: the terminal's store, configuration, login state and clock. */
export interface VisitDayContext {
  readonly db: Database;
  readonly config: TerminalConfig;
  readonly session: AdminSessionState;
  readonly now: () => Date;
  /** R12.1's recorder check: the ffmpeg the visit's recording would use. */
  readonly recordings: Pick<RecordingManager, 'checkFfmpeg'>;
  /** No visit starts while the terminal's clock is beyond the limit (src-main/clock/). */
  readonly clockRefusal?: () => Refusal | null;
}

export function createVisitDay(ctx: VisitDayContext, logger: Logger = stderrLogger): VisitDay {
  const { db, config, session } = ctx;
  const terminalId = config.terminalId;
  const auth = new AdminAuth({
    db,
    terminalId,
    siteId: config.site.id,
    session,
    inactivityLockMinutes: config.inactivityLockMinutes,
  });
  const reader = new CardReaderHolder(config.idCardReader, ctx.now);
  rememberSiteKind(db, config.site.kind, ctx.now());

  const tick = (now = ctx.now()) => ({ forfeited: forfeitDueVisits(db, terminalId, now), locked: auth.lockIfIdle(now) });

  const timer = setInterval(() => {
    if (!db.open) {
      clearInterval(timer);
      return;
    }
    try {
      tick();
    } catch (error) {
      logger.error('定时检查失败', { error });
    }
  }, TICK_INTERVAL_MS);
  timer.unref();

  /** Runs a step as the logged-in pair, after the clock has caught up; refused without two administrators. */
  function asAdmins(visitId: string, run: (step: StepContext) => StepOutcome): StepOutcome {
    const now = ctx.now();
    tick(now);
    const acting = auth.actingAdmins();
    if (!('operator' in acting)) return { accepted: false, refusal: acting, roster: loadRoster(db, visitId) };
    auth.touch(now);
    return run({ db, terminalId, now, operator: acting.operator, supervisors: acting.supervisors });
  }

  const withCard = (visitId: string, card: IdCardData) => ({
    ...asAdmins(visitId, (step) => checkInVisitor(step, visitId, card)),
    person: { name: card.name, documentNumber: card.idNumber },
  });

  return {
    login: (username, password) => auth.login(username, password, ctx.now()),
    logout: (staffId) => auth.logout(staffId, ctx.now()),
    lock: () => auth.lock('on-demand', ctx.now()),
    activity: () => {
      const now = ctx.now();
      tick(now);
      auth.touch(now);
      return session.snapshot();
    },
    today: () => {
      const date = chinaDate(ctx.now());
      const visits = listVisitsForDay(db, date).map((v) => ({ ...v, status: shownStatus(readDetails(db, v.visitId), v.status) }));
      return { date, visits };
    },
    roster: (visitId) => {
      tick();
      return loadRoster(db, visitId);
    },
    async readCard(visitId) {
      const gate = auth.actingAdmins();
      if (!('operator' in gate)) return { accepted: false, refusal: gate, roster: loadRoster(db, visitId), person: null };
      const read = await reader.read();
      if (!read.ok) return { accepted: false, refusal: read.refusal, roster: loadRoster(db, visitId), person: null };
      return withCard(visitId, read.card);
    },
    manualCheckin(visitId, entry) {
      const result = validateManualEntry(entry, { now: ctx.now });
      if (!result.ok) {
        const message = result.problems.map((p) => p.message).join('；');
        return {
          accepted: false,
          refusal: refusal('R11.1', 'manual-entry-invalid', `证件信息有误：${message}`),
          roster: loadRoster(db, visitId),
          person: null,
        };
      }
      return withCard(visitId, result.card);
    },
    interpreter: (visitId, input) => asAdmins(visitId, (step) => checkInInterpreter(step, visitId, input)),
    acknowledgeNotice: (visitId, documentNumber) => asAdmins(visitId, (step) => acknowledgeNotice(step, visitId, documentNumber)),
    declareDeposits: (visitId, documentNumber, items) =>
      asAdmins(visitId, (step) => declareDeposits(step, visitId, documentNumber, items)),
    depositItem: (visitId, itemId, action) => asAdmins(visitId, (step) => markDepositItem(step, visitId, itemId, action)),
    refuseDeposit: (visitId, documentNumber) => asAdmins(visitId, (step) => refuseDeposit(step, visitId, documentNumber)),
    inmateInPosition: (visitId) => asAdmins(visitId, (step) => confirmInmateInPosition(step, visitId)),
    checkDocuments: (visitId, presented) => asAdmins(visitId, (step) => checkOfficialDocuments(step, visitId, presented)),
    outstandingReturns: () => {
      tick();
      return outstandingReturns(db);
    },
    async equipmentCheck(visitId, results) {
      const now = ctx.now();
      tick(now);
      const acting = auth.actingAdmins();
      if (!('operator' in acting)) return { accepted: false, refusal: acting, roster: loadRoster(db, visitId) };
      auth.touch(now);
      return runEquipmentCheck(
        { db, terminalId, now, operator: acting.operator, supervisors: acting.supervisors },
        visitId,
        results,
        {
          centralStoreUrl: config.centralStoreUrl,
          recordingDir: config.recordingDir,
          recorder: () => ctx.recordings.checkFfmpeg(),
        },
      );
    },
    cardReaderCheck: () => reader.lastCheck(),
    readiness: (visitId) => {
      tick();
      return readiness(db, visitId, session.snapshot(), ctx.clockRefusal?.() ?? null);
    },
    tick,
    lockIfIdle: () => auth.lockIfIdle(ctx.now()),
    close: () => clearInterval(timer),
  };
}

// The supervision console's call panel (R24.1–R26.1): the participants, the countdown,
// the link quality, every notice from either site, and the administrators' actions —
// warn (R16.1 code), terminate (R16.1/R17.1 code or "other" with text), extend (R14.3,
// warden's approval reference), mark an incident, mute one side briefly, pause and resume
// (R24.1), and after an R17.1(6)–(9) termination at the prison a 1–3 month suspension
// proposal (R17.2). Main attributes, audits and relays each.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TERMINATION_REASONS, WARNING_REASONS } from '../../src-shared/regulation/reason-codes';
import type { CallState } from '../../src-shared/signaling/call-schemas';
import { useKiosk } from '../app/kiosk-context';
import { KioskCallError } from '../kiosk-client';
import { kioskStore } from '../store';
import { useCall } from '../store/hooks';
import { ObserverBadge } from './ObserverBadge';
import { CallEnded } from './CallEnded';
import { Countdown } from './Countdown';
import { clockOf } from './format';

type Outcome = { accepted: boolean; refusal?: { requirement: string | null; message: string }; state: CallState | null };

const WARN_CODES = Object.keys(WARNING_REASONS);
/** R24.1: "briefly". */
const MUTE_SECONDS = 30;
const TERMINATE_CODES = [...Object.keys(TERMINATION_REASONS), ...Object.keys(WARNING_REASONS)];

export function SupervisionPanel() {
  const { t } = useTranslation();
  const client = useKiosk();
  const call = useCall();
  const [warnCode, setWarnCode] = useState(WARN_CODES[0] ?? 'other');
  const [endCode, setEndCode] = useState(TERMINATE_CODES[0] ?? 'other');
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const [minutes, setMinutes] = useState('10');
  const [approvalRef, setApprovalRef] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [months, setMonths] = useState('1');
  const [proposalNote, setProposalNote] = useState('');

  useEffect(() => {
    // A console opened (or reloaded) mid-visit catches up with main's state.
    if (client)
      void client.call.current().then(
        (c) => c && kioskStore.getState().setCall(c),
        () => undefined,
      );
  }, [client]);

  if (!call) return null;
  const live = call.phase !== 'ended';

  const run = async (action: () => Promise<Outcome>) => {
    try {
      const outcome = await action();
      if (outcome.state) kioskStore.getState().setCall(outcome.state);
      setError(
        outcome.accepted
          ? null
          : `${outcome.refusal?.requirement ? `${outcome.refusal.requirement} ` : ''}${outcome.refusal?.message ?? ''}`,
      );
      return outcome.accepted;
    } catch (e) {
      setError(e instanceof KioskCallError ? e.message : String(e));
      return false;
    }
  };
  const other = (code: string) => (code === 'other' ? { text } : {});

  return (
    <section
      className="card console__panel supervision"
      data-testid="supervision"
      data-phase={call.phase}
      aria-labelledby="supervision-title"
    >
      <h2 id="supervision-title" className="card__title">
        {t('supervision.title')}
      </h2>
      <ObserverBadge />
      <p className="console__note" data-testid="supervision-phase">
        {t(`call.phase.${call.phase}`)}
      </p>
      <Countdown call={call} />
      <dl className="supervision__facts">
        <dt>{t('supervision.inmate')}</dt>
        <dd data-testid="supervision-inmate">{call.inmateName}</dd>
        <dt>{t('supervision.visitors')}</dt>
        <dd data-testid="supervision-visitors">{call.visitors.map((v) => `${v.name}（${v.relationship}）`).join('、')}</dd>
        <dt>{t('supervision.link')}</dt>
        <dd data-testid="supervision-link">
          {call.link
            ? t('supervision.linkValue', {
                kbps: Math.round(call.link.bitrateKbps),
                loss: call.link.packetLossPct,
                fps: call.link.fps,
                rtt: call.link.rttMs === null ? '—' : Math.round(call.link.rttMs),
                size: `${call.link.frameWidth}×${call.link.frameHeight}`,
              })
            : t('supervision.linkNone')}
        </dd>
      </dl>
      {call.phase === 'reconnecting' && call.graceRemainingMs !== null && (
        <p className="console__warn" data-testid="supervision-grace">
          {t('call.graceLeft', { seconds: Math.ceil(call.graceRemainingMs / 1000) })}
        </p>
      )}
      {call.hold && (
        <p className="console__warn" data-testid="supervision-held" data-origin={call.hold.origin}>
          {t('supervision.heldBy', { name: call.hold.by, site: call.hold.site })}
        </p>
      )}
      {call.muted.map((m) => (
        <p key={m.side} className="console__note" data-testid="supervision-muted" data-side={m.side}>
          {t('supervision.mutedNow', {
            side: t(m.side === 'inmate' ? 'supervision.sideInmate' : 'supervision.sideVisitor'),
            name: m.by,
          })}
        </p>
      ))}
      {call.phase === 'ended' && <CallEnded call={call} />}
      {call.suspensionProposable && (
        <p className="console__warn" data-testid="suspension-proposable">
          {t('supervision.suspension')}
        </p>
      )}
      {call.suspensionProposable && client && !call.suspensionProposal && (
        <div className="supervision__row" data-testid="suspension-form">
          <select
            data-testid="suspension-months"
            aria-label={t('supervision.proposeMonths')}
            value={months}
            onChange={(e) => setMonths(e.target.value)}
          >
            {[1, 2, 3].map((n) => (
              <option key={n} value={n}>
                {t('supervision.monthsOption', { n })}
              </option>
            ))}
          </select>
          <input
            data-testid="suspension-note"
            value={proposalNote}
            maxLength={300}
            placeholder={t('supervision.proposalNote')}
            onChange={(e) => setProposalNote(e.target.value)}
          />
          <button
            type="button"
            className="button button--danger"
            data-testid="suspension-propose"
            onClick={() =>
              void run(() =>
                client.call.proposeSuspension({
                  visitId: call.visitId,
                  months: Number(months),
                  ...(proposalNote.trim() ? { note: proposalNote } : {}),
                }),
              )
            }
          >
            {t('supervision.propose')}
          </button>
        </div>
      )}
      {call.suspensionProposal && (
        <p className="console__note" data-testid="suspension-proposed">
          {t('supervision.proposed', { months: call.suspensionProposal.months, name: call.suspensionProposal.by })}
        </p>
      )}
      {error && (
        <p className="console__warn" role="alert" data-testid="supervision-error">
          {error}
        </p>
      )}
      {live && client && (
        <div className="supervision__actions">
          <label className="supervision__row">
            <span>{t('supervision.warnCode')}</span>
            <select data-testid="warn-code" value={warnCode} onChange={(e) => setWarnCode(e.target.value)}>
              {WARN_CODES.map((c) => (
                <option key={c} value={c}>{`${c} ${WARNING_REASONS[c as keyof typeof WARNING_REASONS]}`}</option>
              ))}
              <option value="other">{t('supervision.other')}</option>
            </select>
            <button
              type="button"
              className="button"
              data-testid="warn"
              onClick={() =>
                void run(() => client.call.warn({ visitId: call.visitId, code: warnCode as never, ...other(warnCode) }))
              }
            >
              {t('supervision.warn')}
            </button>
          </label>
          <label className="supervision__row">
            <span>{t('supervision.endCode')}</span>
            <select data-testid="terminate-code" value={endCode} onChange={(e) => setEndCode(e.target.value)}>
              {TERMINATE_CODES.map((c) => (
                <option
                  key={c}
                  value={c}
                >{`${c} ${(TERMINATION_REASONS as Record<string, string>)[c] ?? (WARNING_REASONS as Record<string, string>)[c] ?? ''}`}</option>
              ))}
              <option value="other">{t('supervision.other')}</option>
            </select>
            <button
              type="button"
              className="button button--danger"
              data-testid="terminate"
              onClick={() =>
                void run(() => client.call.terminate({ visitId: call.visitId, code: endCode as never, ...other(endCode) }))
              }
            >
              {t('supervision.terminate')}
            </button>
          </label>
          <label className="supervision__row">
            <span>{t('supervision.otherText')}</span>
            <input data-testid="other-text" value={text} maxLength={200} onChange={(e) => setText(e.target.value)} />
          </label>
          {call.side === 'inmate' && (
            <div className="supervision__row">
              <input
                data-testid="extend-minutes"
                type="number"
                min={1}
                max={60}
                value={minutes}
                aria-label={t('supervision.extendMinutes')}
                onChange={(e) => setMinutes(e.target.value)}
              />
              <input
                data-testid="extend-approval"
                value={approvalRef}
                placeholder={t('supervision.approvalRef')}
                maxLength={100}
                onChange={(e) => setApprovalRef(e.target.value)}
              />
              <button
                type="button"
                className="button"
                data-testid="extend"
                onClick={() =>
                  void run(() => client.call.extend({ visitId: call.visitId, minutes: Number(minutes) || 1, approvalRef }))
                }
              >
                {t('supervision.extend')}
              </button>
            </div>
          )}
          <div className="supervision__row">
            <span>{t('supervision.muteSide')}</span>
            <button
              type="button"
              className="button"
              data-testid="mute-inmate"
              onClick={() => void run(() => client.call.mute({ visitId: call.visitId, side: 'inmate', seconds: MUTE_SECONDS }))}
            >
              {t('supervision.muteInmate', { seconds: MUTE_SECONDS })}
            </button>
            <button
              type="button"
              className="button"
              data-testid="mute-visitor"
              onClick={() => void run(() => client.call.mute({ visitId: call.visitId, side: 'visitor', seconds: MUTE_SECONDS }))}
            >
              {t('supervision.muteVisitor', { seconds: MUTE_SECONDS })}
            </button>
            {call.hold ? (
              <button
                type="button"
                className="button button--primary"
                data-testid="release"
                onClick={() => void run(() => client.call.release({ visitId: call.visitId }))}
              >
                {t('supervision.release')}
              </button>
            ) : (
              <button
                type="button"
                className="button"
                data-testid="hold"
                onClick={() => void run(() => client.call.hold({ visitId: call.visitId }))}
              >
                {t('supervision.hold')}
              </button>
            )}
          </div>
          <div className="supervision__row">
            <input
              data-testid="incident-note"
              value={note}
              placeholder={t('supervision.incidentNote')}
              maxLength={500}
              onChange={(e) => setNote(e.target.value)}
            />
            <button
              type="button"
              className="button"
              data-testid="incident"
              disabled={note.trim() === ''}
              onClick={() =>
                void run(() => client.call.incident({ visitId: call.visitId, note })).then((ok) => ok && setNote(''))
              }
            >
              {t('supervision.incident')}
            </button>
          </div>
        </div>
      )}
      <ol className="supervision__notices" data-testid="supervision-notices">
        {[...call.notices].reverse().map((n) => (
          <li key={n.id} data-testid="supervision-notice" data-kind={n.kind} data-origin={n.origin} data-code={n.code ?? ''}>
            <time>{clockOf(n.at)}</time> <strong>{t(`call.notice.${n.kind}`)}</strong>{' '}
            {n.code && n.code !== 'other' ? `${n.code} ` : ''}
            {n.text}
            {n.by && (
              <span className="supervision__by">
                {t(n.origin === 'remote' ? 'supervision.byRemote' : 'supervision.by', { name: n.by })}
              </span>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

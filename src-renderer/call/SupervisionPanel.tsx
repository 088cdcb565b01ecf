// The supervision console's call panel (R13.1, R24.1–R26.1): the visit itself (both
// pictures, their sound meters, the countdown, the administrators on duty: VisitMonitor),
// the participants and link quality, the timeline of the visit's events in Chinese and
// every notice from either site, and the administrators' actions — a reason chosen from
// grouped buttons, then warn, terminate, mute or pause (SupervisionActions), extend (R14.3,
// warden's approval reference), mark an incident, and after an R17.1(6)–(9) termination at
// the prison a 1–3 month suspension proposal (R17.2). Main attributes, audits and relays each.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallState } from '../../src-shared/signaling/call-schemas';
import { useKiosk } from '../app/kiosk-context';
import { KioskCallError } from '../kiosk-client';
import { kioskStore } from '../store';
import { useCall } from '../store/hooks';
import { ObserverBadge } from './ObserverBadge';
import { VisitMonitor } from '../console/VisitMonitor';
import { VisitTimeline } from '../console/VisitTimeline';
import { CallEnded } from './CallEnded';
import { clockOf } from './format';
import { SupervisionActions } from './SupervisionActions';
import { linkIsPoor, poorLinkReasons } from '../../src-shared/signaling/link-grade';

type Outcome = { accepted: boolean; refusal?: { requirement: string | null; message: string }; state: CallState | null };

export function SupervisionPanel() {
  const { t } = useTranslation();
  const client = useKiosk();
  const call = useCall();
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
      <div className="supervision__layout">
        <div className="supervision__watch">
          <VisitMonitor call={call} />
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
          {call.phase === 'in-progress' && linkIsPoor(call.link) && (
            <p className="console__warn" data-testid="supervision-link-poor" role="status">
              {t('supervision.linkPoor', {
                why: poorLinkReasons(call.link)
                  .map((r) => t(`supervision.linkPoorWhy.${r}`))
                  .join(t('supervision.linkPoorSep')),
              })}
            </p>
          )}
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
          <VisitTimeline call={call} />
        </div>
        <div className="supervision__control">
          {live && client && <SupervisionActions call={call} client={client} run={run} />}
          {live && client && (
            <div className="supervision__more">
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
        </div>
      </div>
    </section>
  );
}

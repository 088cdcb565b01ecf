// The officers' actions on a live visit (R16.1, R17.1, R22.1, R24.1): choose a reason with
// one click (ReasonPicker), then warn at once, or terminate, mute or pause after a
// confirmation that names the reason. A mute or pause with a reason chosen also writes the
// reason as an incident note, so the audit says why (the mute itself carries no reason).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canWarn, reasonLabel, type ReasonChoice } from '../../src-shared/regulation/reason-groups';
import type { CallState } from '../../src-shared/signaling/call-schemas';
import type { KioskClient } from '../kiosk-client';
import { ConfirmDialog } from './ConfirmDialog';
import { ReasonPicker } from './ReasonPicker';

/** R24.1: "briefly". */
export const MUTE_SECONDS = 30;

export type RunAction = (action: () => Promise<{ accepted: boolean; state: CallState | null }>) => Promise<boolean>;

type Pending = { kind: 'terminate' } | { kind: 'mute'; side: 'inmate' | 'visitor' } | { kind: 'hold' };

export function SupervisionActions({ call, client, run }: { call: CallState; client: KioskClient; run: RunAction }) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<ReasonChoice | null>(null);
  const [note, setNote] = useState('');
  const [pending, setPending] = useState<Pending | null>(null);
  const { visitId } = call;
  // The note typed so far belongs to "其他" whichever moment it was chosen.
  const current: ReasonChoice | null = choice?.code === 'other' ? { code: 'other', note } : choice;
  const label = current ? reasonLabel(current) : t('consoleVisit.noneChosen');
  const text = current?.code === 'other' ? { text: note } : {};
  const done = (ok: boolean) => {
    if (!ok) return;
    setChoice(null);
    setNote('');
  };
  const explain = (action: string) =>
    current
      ? run(() => client.call.incident({ visitId, note: t('consoleVisit.reasonNote', { action, reason: label }).slice(0, 500) }))
      : Promise.resolve(true);

  const confirm = async () => {
    const p = pending;
    setPending(null);
    if (!p) return;
    if (p.kind === 'terminate') {
      const code = (current?.code ?? 'other') as Parameters<KioskClient['call']['terminate']>[0]['code'];
      done(await run(() => client.call.terminate({ visitId, code, ...text })));
    } else if (p.kind === 'mute') {
      const ok = await run(() => client.call.mute({ visitId, side: p.side, seconds: MUTE_SECONDS }));
      done(
        ok &&
          (await explain(
            t(p.side === 'inmate' ? 'consoleVisit.muteInmate' : 'consoleVisit.muteVisitor', { seconds: MUTE_SECONDS }),
          )),
      );
    } else {
      const ok = await run(() => client.call.hold({ visitId }));
      done(ok && (await explain(t('consoleVisit.hold'))));
    }
  };

  const message = (p: Pending): string => {
    if (p.kind === 'terminate') return t('consoleVisit.confirmTerminate', { reason: label });
    if (p.kind === 'hold') return t('consoleVisit.confirmHold', { reason: label });
    const side = t(p.side === 'inmate' ? 'consoleVisit.sideInmate' : 'consoleVisit.sideVisitor');
    return t('consoleVisit.confirmMute', { side, seconds: MUTE_SECONDS, reason: label });
  };

  const warnable = current !== null && canWarn(current);
  return (
    <div className="supervision__actions" data-testid="supervision-actions">
      <ReasonPicker choice={current} note={note} onChoose={setChoice} onNote={setNote} />
      <p className="supervision__chosen" data-testid="reason-chosen" data-code={current?.code ?? ''}>
        {current ? t('consoleVisit.chosen', { reason: label }) : t('consoleVisit.noneChosen')}
        {current && !warnable && <span className="supervision__hint"> · {t('consoleVisit.warnOnlyR16')}</span>}
      </p>
      <div className="supervision__buttons">
        <button
          type="button"
          className="button button--warn"
          data-testid="warn"
          disabled={!warnable}
          onClick={() =>
            void run(() =>
              client.call.warn({
                visitId,
                code: (current?.code ?? 'other') as Parameters<KioskClient['call']['warn']>[0]['code'],
                ...text,
              }),
            ).then(done)
          }
        >
          {t('consoleVisit.warn')}
        </button>
        <button
          type="button"
          className="button button--danger"
          data-testid="terminate"
          disabled={current === null}
          onClick={() => setPending({ kind: 'terminate' })}
        >
          {t('consoleVisit.terminate')}
        </button>
        <button
          type="button"
          className="button"
          data-testid="mute-inmate"
          onClick={() => setPending({ kind: 'mute', side: 'inmate' })}
        >
          {t('consoleVisit.muteInmate', { seconds: MUTE_SECONDS })}
        </button>
        <button
          type="button"
          className="button"
          data-testid="mute-visitor"
          onClick={() => setPending({ kind: 'mute', side: 'visitor' })}
        >
          {t('consoleVisit.muteVisitor', { seconds: MUTE_SECONDS })}
        </button>
        {call.hold ? (
          <button
            type="button"
            className="button button--primary"
            data-testid="release"
            onClick={() => void run(() => client.call.release({ visitId }))}
          >
            {t('consoleVisit.release')}
          </button>
        ) : (
          <button type="button" className="button" data-testid="hold" onClick={() => setPending({ kind: 'hold' })}>
            {t('consoleVisit.hold')}
          </button>
        )}
      </div>
      {pending && (
        <ConfirmDialog
          message={message(pending)}
          danger={pending.kind === 'terminate'}
          onConfirm={() => void confirm()}
          onCancel={() => setPending(null)}
        />
      )}
    </div>
  );
}

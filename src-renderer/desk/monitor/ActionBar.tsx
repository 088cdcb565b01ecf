// Issue #19: the officer's action on the visit they listen to (R16.1 warning, R16.1/R17.1
// termination, "other" with a written reason, R22.1). The store relays it to both terminals,
// which carry it out and attribute it to this officer; a termination asks once more, naming
// the reason.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OTHER_REASON, TERMINATION_REASONS, WARNING_REASONS } from '../../../src-shared/regulation/reason-codes';
import type { ObserverAction } from '../../../src-shared/signaling/observer-protocol';
import { deskCall } from '../app/desk-call';
import { useDeskClient, useDeskTask } from '../app/desk-hooks';
import { RefusalNote } from '../app/RefusalNote';

const REASONS: Record<string, string> = { ...WARNING_REASONS, ...TERMINATION_REASONS };
const WARN_CODES = Object.keys(WARNING_REASONS);

export function ActionBar({ visitId }: { visitId: string }) {
  const { t } = useTranslation();
  const client = useDeskClient();
  const task = useDeskTask();
  const [code, setCode] = useState(WARN_CODES[0] ?? OTHER_REASON);
  const [text, setText] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const reason = code === OTHER_REASON ? text : `${code} ${REASONS[code] ?? ''}`;
  const canWarn = code === OTHER_REASON || Object.hasOwn(WARNING_REASONS, code);

  const act = async (action: ObserverAction['action']) => {
    setConfirming(false);
    const body = { action, code, ...(code === OTHER_REASON ? { text } : {}) } as ObserverAction;
    const answer = await task.run(() => deskCall(client.desk.observerAct({ visitId, act: body })));
    if (answer)
      setDone(
        t('monitor.acted', {
          sides: answer.delivered.map((s) => t(s === 'inmate' ? 'monitor.inmateSide' : 'monitor.visitorSide')).join('、'),
        }),
      );
  };

  return (
    <div className="monitor-actions card" data-testid="monitor-actions" data-visit={visitId}>
      <label className="desk-field">
        <span>{t('monitor.reason')}</span>
        <select data-testid="monitor-code" value={code} onChange={(e) => setCode(e.target.value)}>
          {Object.entries(REASONS).map(([c, label]) => (
            <option key={c} value={c}>{`${c} ${label}`}</option>
          ))}
          <option value={OTHER_REASON}>{t('monitor.otherText')}</option>
        </select>
      </label>
      {code === OTHER_REASON && (
        <input
          data-testid="monitor-text"
          maxLength={200}
          placeholder={t('monitor.otherText')}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      )}
      <button
        type="button"
        className="button"
        data-testid="monitor-warn"
        disabled={task.busy || !canWarn}
        onClick={() => void act('warn')}
      >
        {t('monitor.warn')}
      </button>
      {!confirming ? (
        <button
          type="button"
          className="button button--danger"
          data-testid="monitor-terminate"
          disabled={task.busy}
          onClick={() => setConfirming(true)}
        >
          {t('monitor.terminate')}
        </button>
      ) : (
        <button
          type="button"
          className="button button--danger"
          data-testid="monitor-confirm-terminate"
          onClick={() => void act('terminate')}
        >
          {t('monitor.confirmTerminate', { reason })}
        </button>
      )}
      {done !== null && (
        <span role="status" data-testid="monitor-acted">
          {done}
        </span>
      )}
      <RefusalNote refusal={task.refusal} />
    </div>
  );
}

// How the visit ended: completed (time), terminated (why, in one plain sentence: the code
// stays on the console and in the audit, issue #21) or interrupted (R18.1: rescheduled with
// priority, not a used visit).
import { useTranslation } from 'react-i18next';
import { visitorReason } from '../../src-shared/regulation/visitor-wording';
import type { CallState } from '../../src-shared/signaling/call-schemas';

export function CallEnded({ call }: { call: CallState }) {
  const { t } = useTranslation();
  const outcome = call.outcome ?? 'completed';
  return (
    <section className="call-ended" data-testid="call-ended" data-outcome={outcome} data-code={call.endReason?.code ?? ''}>
      <h2 className="call-ended__title">{t(`call.ended.${outcome}`)}</h2>
      {call.endReason && outcome !== 'completed' && (
        <p className="call-ended__reason" data-testid="call-ended-reason">
          {visitorReason(call.endReason.code, call.endReason.text)}
        </p>
      )}
      {outcome === 'interrupted' && <p className="call-ended__hint">{t('call.ended.rescheduled')}</p>}
    </section>
  );
}

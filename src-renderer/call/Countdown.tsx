// The time left (R14.2), paused while the connection is being restored (R18.1), while an
// administrator holds the visit (R24.1) or a restarted terminal awaits its administrators (R25.1).
import { useTranslation } from 'react-i18next';
import type { CallState } from '../../src-shared/signaling/call-schemas';
import { mmss } from './format';

export function Countdown({ call }: { call: CallState }) {
  const { t } = useTranslation();
  const low = call.remainingMs <= 60_000 ? 'low' : call.remainingMs <= 5 * 60_000 ? 'warn' : 'ok';
  return (
    <div
      className="call-countdown"
      data-testid="countdown"
      data-level={low}
      data-paused={call.paused ? 'true' : 'false'}
      data-remaining-ms={call.remainingMs}
    >
      <span className="call-countdown__label">
        {call.hold || call.adminGap ? t('call.heldShort') : call.paused ? t('call.paused') : t('call.remaining')}
      </span>
      <span className="call-countdown__time" data-testid="countdown-time">
        {mmss(call.remainingMs)}
      </span>
    </div>
  );
}

// The visit as the visitors and the inmate see it: the other party
// large, one's own picture small, the countdown and the warning banner. Nothing here
// changes the visit: the administrators act from the supervision console, which gets both
// pictures from this window (use-console-feed-sender.ts).
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../app/kiosk-context';
import { kioskStore } from '../store';
import { useCall } from '../store/hooks';
import type { ScreenProps } from '../screens/registry';
import { CallEnded } from './CallEnded';
import { Countdown } from './Countdown';
import { NoticeBanner } from './NoticeBanner';
import { useConsoleFeedSender } from './use-console-feed-sender';
import { usePeer } from './use-peer';
import { useVisitRecording } from './use-visit-recording';
import { VideoView } from './VideoView';
import { linkIsPoor } from '../../src-shared/signaling/link-grade';
import { usePrompt } from '../speech/use-prompt';
import { useSpokenCall } from '../speech/use-spoken-call';

export function CallScreen({ screen }: ScreenProps<'call'>) {
  const { t } = useTranslation();
  const client = useKiosk();
  const stored = useCall();
  const call = stored?.visitId === screen.visitId ? stored : null;
  const { local, remote, mediaError } = usePeer(client, screen.visitId, call);
  const recordingProblem = useVisitRecording(client, call, local, remote);
  // R24.1: the supervision console shows both pictures and sounds, sent from here.
  useConsoleFeedSender(client, screen.visitId, local, remote);
  // Issue #21: what is said to the room, also written on the screen.
  const prompt = usePrompt();
  useSpokenCall(call, prompt.say);

  useEffect(() => {
    if (!client) return;
    void client.call.current().then(
      (c) => c && kioskStore.getState().setCall(c),
      () => undefined,
    );
  }, [client]);

  const phase = call?.phase ?? 'waiting';
  return (
    <main className="call" data-testid="call-screen" data-phase={phase}>
      <VideoView stream={remote} muted={false} className="call__remote" testId="remote-video" />
      <VideoView stream={local} muted className="call__local" testId="local-video" />
      <header className="call__bar">
        <span className="call__who" data-testid="call-peer">
          {call ? (call.side === 'inmate' ? call.visitors.map((v) => v.name).join('、') : call.inmateName) : ''}
        </span>
        {call && <Countdown call={call} />}
      </header>
      {call && <NoticeBanner call={call} />}
      {phase !== 'in-progress' && phase !== 'ended' && (
        <p className="call__status" data-testid="call-status">
          {t(`call.phase.${phase}`)}
        </p>
      )}
      {call?.phase === 'reconnecting' && call.graceRemainingMs !== null && (
        <p className="call__status" data-testid="call-grace">
          {t('call.graceLeft', { seconds: Math.ceil(call.graceRemainingMs / 1000) })}
        </p>
      )}
      {call?.phase === 'in-progress' && linkIsPoor(call.link) && (
        <p className="call__status" data-testid="call-link-poor" role="status">
          {t('call.linkPoor')}
        </p>
      )}
      {call?.adminGap && call.phase !== 'ended' && (
        <p className="call__status" data-testid="call-admins-away" data-origin={call.adminGap.origin} role="status">
          {t(call.adminGap.origin === 'local' ? 'call.adminsAway' : 'call.adminsAwayRemote')}
        </p>
      )}
      {call?.hold && call.phase !== 'ended' && (
        <p className="call__status" data-testid="call-held">
          {t('call.held')}
        </p>
      )}
      {mediaError && (
        // The browser's own words (often English) stay out of the room's sight: in an attribute for support.
        <p className="call__status" data-testid="call-media-error" data-detail={mediaError}>
          {t('call.mediaError')}
        </p>
      )}
      {recordingProblem && (
        <p className="call__status" data-testid="call-recording-problem" data-detail={recordingProblem}>
          {t('call.recording.problem')}
        </p>
      )}
      {prompt.text && call?.phase !== 'ended' && (
        <p className="call__prompt" data-testid="visitor-prompt" role="status">
          {prompt.text}
        </p>
      )}
      {call?.phase === 'ended' && (
        <div className="call__overlay">
          <CallEnded call={call} />
          {prompt.text && (
            <p className="call-ended__prompt" data-testid="visitor-prompt" role="status">
              {prompt.text}
            </p>
          )}
          <button
            type="button"
            className="button button--primary vd__big"
            data-testid="call-close"
            onClick={() => kioskStore.getState().screenEvent({ type: 'call-closed' })}
          >
            {t('call.close')}
          </button>
        </div>
      )}
    </main>
  );
}

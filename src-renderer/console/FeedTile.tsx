// One picture of the visit on the console with its sound meter (R13.1, R24.1).
import { useTranslation } from 'react-i18next';
import { VideoView } from '../call/VideoView';
import { useAudioLevel } from './audio-level';

export function FeedTile({
  title,
  who,
  stream,
  muted,
  testId,
}: {
  title: string;
  who: string;
  stream: MediaStream | null;
  muted: boolean;
  testId: 'own' | 'other';
}) {
  const { t } = useTranslation();
  const level = useAudioLevel(stream);
  const pct = Math.round(level * 100);
  return (
    <figure className="feed-tile" data-testid={`feed-${testId}`}>
      <div className="feed-tile__picture">
        <VideoView stream={stream} muted={muted} className="feed-tile__video" testId={`console-video-${testId}`} />
        {!stream && <span className="feed-tile__waiting">{t('consoleVisit.noPicture')}</span>}
      </div>
      <figcaption className="feed-tile__caption">
        <span className="feed-tile__title">{title}</span>
        <span className="feed-tile__who">{who}</span>
        <span
          className="feed-tile__meter"
          role="meter"
          aria-label={`${title}${t('consoleVisit.level')}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
          data-testid={`meter-${testId}`}
          data-level={level.toFixed(3)}
        >
          <span className="feed-tile__meter-bar" style={{ width: `${pct}%` }} data-tone={pct > 85 ? 'hot' : 'ok'} />
        </span>
      </figcaption>
    </figure>
  );
}

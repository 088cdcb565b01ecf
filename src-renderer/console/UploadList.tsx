// Recording files on their way to the central store, one progress bar each (R13.1).
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../kiosk-types';

type Upload = NonNullable<SyncStatus['uploads']>[number];

export function UploadList({ uploads }: { uploads: readonly Upload[] }) {
  const { t } = useTranslation();
  return (
    <div data-testid="console-sync-uploads">
      <h3 className="card__subtitle">{t('console.sync.uploads')}</h3>
      {uploads.length === 0 ? (
        <p className="console__empty">{t('console.sync.noUploads')}</p>
      ) : (
        <ul className="console__uploads">
          {uploads.map((u) => {
            const percent = u.bytes > 0 ? Math.round((100 * u.sentBytes) / u.bytes) : 0;
            const label = `${t(`console.sync.uploadKinds.${u.kind}`)} ${u.file}`;
            return (
              <li key={`${u.recordingId}/${u.file}`}>
                <span>{label}</span>
                <progress max={100} value={percent} aria-label={label} />
                <span>
                  {percent}% · {t(`console.sync.uploadStates.${u.state}`)}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

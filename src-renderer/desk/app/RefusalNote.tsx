// A refusal as the clerk sees it: the store's sentence, the requirement id that refused it
// (e.g. R14.1), and the fields at fault. Nothing was changed; the message says so.
import { useTranslation } from 'react-i18next';
import type { DeskRefusal } from '../../kiosk-types';

export function RefusalNote({ refusal }: { refusal: DeskRefusal | null }) {
  const { t } = useTranslation();
  if (!refusal) return null;
  return (
    <div className="desk-refusal" role="alert" data-testid="desk-refusal" data-code={refusal.code}>
      <p className="desk-refusal__message">
        {refusal.requirement && (
          <span className="desk-req" data-testid="refusal-requirement">
            {refusal.requirement}
          </span>
        )}
        {refusal.message}
      </p>
      {refusal.issues && refusal.issues.length > 0 && (
        <ul className="desk-refusal__issues">
          {refusal.issues.map((i) => (
            <li key={`${i.path}:${i.message}`}>
              {i.path ? `${i.path}：` : ''}
              {i.message}
            </li>
          ))}
        </ul>
      )}
      <p className="desk-refusal__note">{t('desk.common.nothingChanged')}</p>
    </div>
  );
}

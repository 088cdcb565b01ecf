// R12.1 and R19.1: the notice is shown and each checked-in visitor acknowledges it; their
// phones, recorders and cameras are deposited.
import { useTranslation } from 'react-i18next';
import { Notice } from '../idle/Notice';
import type { ScreenProps } from '../registry';
import { AdminFrame } from './AdminFrame';
import { RefusalBanner } from './RefusalBanner';
import { useVisitRoster } from './use-roster';
import { VisitorPrep } from './VisitorPrep';

export function PrepareScreen({ screen }: ScreenProps<'prepare'>) {
  const { t } = useTranslation();
  const { roster } = useVisitRoster(screen.visitId);
  const present = roster?.visitors.filter((v) => v.checkedInAt !== null) ?? [];
  return (
    <AdminFrame title={t('prepare.title')} testId="prepare-screen" visitId={screen.visitId} step="prepare">
      <RefusalBanner />
      <div className="vd-split">
        <Notice />
        <div className="vd-split__side">
          {roster && present.length === 0 && <p className="vd__empty">{t('prepare.nobody')}</p>}
          {present.map((v) => (
            <VisitorPrep key={v.visitorId} visitId={screen.visitId} visitor={v} />
          ))}
        </div>
      </div>
    </AdminFrame>
  );
}

// R12.1: the equipment check before the visit. The renderer tests camera, microphone and
// speaker (the administrator confirms hearing the test tone); main adds the path to the
// central store and the free disk, stores the results, and says what to do about a failure.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScreenProps } from '../registry';
import { AdminFrame } from './AdminFrame';
import { playTestTone, testCamera, testMicrophone, type DeviceProbe, type DeviceResult } from './device-checks';
import { RefusalBanner } from './RefusalBanner';
import { hhmm, runStep } from './run-step';
import { useVisitRoster } from './use-roster';

type Phase = 'idle' | 'testing' | 'confirm-tone' | 'submitting';

export function EquipmentScreen({ screen }: ScreenProps<'equipment'>) {
  const { t } = useTranslation();
  const { client, roster } = useVisitRoster(screen.visitId);
  const [phase, setPhase] = useState<Phase>('idle');
  const [devices, setDevices] = useState<{ camera: DeviceResult; microphone: DeviceResult; tone: boolean } | null>(null);

  const describe = (probe: DeviceProbe): DeviceResult => ({
    ok: probe.ok,
    detail: probe.reason ? t(`equipment.device.${probe.reason}`) : probe.label,
  });
  const start = async () => {
    setPhase('testing');
    const camera = describe(await testCamera());
    const microphone = describe(await testMicrophone());
    const tone = await playTestTone();
    setDevices({ camera, microphone, tone });
    setPhase('confirm-tone');
  };
  const submit = async (heard: boolean) => {
    if (!client || !devices) return;
    setPhase('submitting');
    const speaker = {
      ok: heard && devices.tone,
      detail: t(
        heard ? 'equipment.device.toneHeard' : devices.tone ? 'equipment.device.toneNotHeard' : 'equipment.device.toneFailed',
      ),
    };
    await runStep(() =>
      client.device.equipmentCheck({ visitId: screen.visitId, camera: devices.camera, microphone: devices.microphone, speaker }),
    );
    setPhase('idle');
  };

  return (
    <AdminFrame title={t('equipment.title')} testId="equipment-screen" visitId={screen.visitId} step="equipment">
      <RefusalBanner />
      <div className="vd-actions">
        <button
          type="button"
          className="button button--primary vd__huge"
          data-testid="equipment-start"
          disabled={phase !== 'idle'}
          onClick={() => void start()}
        >
          {phase === 'testing' ? t('equipment.testing') : t('equipment.start')}
        </button>
      </div>
      {phase === 'confirm-tone' && (
        <div className="vd-card" data-testid="tone-question">
          <p className="vd-card__title">{t('equipment.heardTone')}</p>
          <div className="vd-actions">
            <button
              type="button"
              className="button button--primary vd__big"
              data-testid="tone-heard"
              onClick={() => void submit(true)}
            >
              {t('equipment.yes')}
            </button>
            <button type="button" className="button vd__big" data-testid="tone-not-heard" onClick={() => void submit(false)}>
              {t('equipment.no')}
            </button>
          </div>
        </div>
      )}
      {roster && roster.equipment.length > 0 && (
        <ul className="vd-checks" data-testid="equipment-results">
          {roster.equipment.map((e) => (
            <li
              key={e.name}
              className={e.ok ? 'vd-check vd-check--ok' : 'vd-check vd-check--failed'}
              data-testid={`equipment-${e.name}`}
              data-ok={e.ok}
            >
              <span className="vd-check__name">{t(`equipment.names.${e.name}`)}</span>
              <span className="vd-check__result">{e.ok ? t('equipment.ok') : t('equipment.failed')}</span>
              <span className="vd-check__detail">{e.detail}</span>
              <span className="vd-muted">{hhmm(e.checkedAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </AdminFrame>
  );
}

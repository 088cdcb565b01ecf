// Issue #21 item 1: large type for the desk and the console, switched by whoever is at the screen
// and kept by the terminal (admin.setLargeType → the kv table), so it survives a restart.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../app/kiosk-context';
import { kioskStore } from '../store';
import { useDisplay } from '../store/hooks';

export function LargeTypeToggle() {
  const { t } = useTranslation();
  const client = useKiosk();
  const { largeType } = useDisplay();
  const [busy, setBusy] = useState(false);
  const toggle = async () => {
    if (!client || busy) return;
    setBusy(true);
    try {
      kioskStore.getState().setDisplay(await client.admin.setLargeType({ largeType: !largeType }));
    } catch {
      // Nothing changed; the button still shows the setting main holds.
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      className="button large-type-toggle"
      data-testid="large-type"
      aria-pressed={largeType}
      disabled={busy}
      onClick={() => void toggle()}
    >
      {t('controls.largeType')}
    </button>
  );
}

// Issue #19: how the monitoring centre writes a visit's remaining time (mm:ss, or "not started").
import type { TFunction } from 'i18next';

export function remainingText(ms: number | null, t: TFunction): string {
  if (ms === null) return t('monitor.notStarted');
  const s = Math.max(0, Math.round(ms / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

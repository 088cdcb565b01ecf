// The fleet table's filters: organisation (site), alert kind, offline only, free text.
import { useTranslation } from 'react-i18next';
import { SelectField } from '../app/SelectField';
import { FLEET_ALERT_KINDS, type FleetAlertKind, type FleetFilter } from './fleet-data';

export function FleetFilters({
  filter,
  organisations,
  onChange,
}: {
  filter: FleetFilter;
  organisations: readonly { id: string; name: string }[];
  onChange: (filter: FleetFilter) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="desk-row" data-testid="fleet-filters">
      <SelectField
        label={t('desk.fleet.filterSite')}
        testId="fleet-filter-site"
        options={organisations}
        value={filter.organisationId}
        placeholder={t('desk.fleet.all')}
        onChange={(organisationId) => onChange({ ...filter, organisationId })}
      />
      <SelectField
        label={t('desk.fleet.filterAlert')}
        testId="fleet-filter-alert"
        options={FLEET_ALERT_KINDS.map((k) => ({ id: k, name: t(`desk.fleet.alert.${k}`) }))}
        value={filter.alert}
        placeholder={t('desk.fleet.all')}
        onChange={(alert) => onChange({ ...filter, alert: alert as FleetAlertKind | '' })}
      />
      <label className="desk-field desk-field--wide">
        <span>{t('desk.fleet.filterText')}</span>
        <input
          type="search"
          data-testid="fleet-filter-text"
          maxLength={60}
          value={filter.text}
          placeholder={t('desk.fleet.filterTextHint')}
          onChange={(e) => onChange({ ...filter, text: e.target.value })}
        />
      </label>
      <label className="desk-choice">
        <input
          type="checkbox"
          data-testid="fleet-filter-offline"
          checked={filter.offlineOnly}
          onChange={(e) => onChange({ ...filter, offlineOnly: e.target.checked })}
        />
        {t('desk.fleet.offlineOnly')}
      </label>
    </div>
  );
}

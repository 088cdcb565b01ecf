// The inmate's ward and home address, which Forms 1 and 2 print (R8.1, R9.1; issue #25 item 3):
// the ward is the record's own, the address is kept here by prison staff.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InmateRecord } from '../../kiosk-types';
import { deskCall } from '../app/desk-call';
import { useDeskClient, useDeskTask } from '../app/desk-hooks';
import { RefusalNote } from '../app/RefusalNote';

export function InmateAddress({ inmate, onDone }: { inmate: InmateRecord; onDone(r: InmateRecord): void }) {
  const { t } = useTranslation();
  const client = useDeskClient();
  const task = useDeskTask();
  const [address, setAddress] = useState(inmate.homeAddress ?? '');
  const save = async () => {
    const value = address.trim();
    const r = await task.run(() =>
      deskCall(client.desk.updateInmate({ inmateId: inmate.id, change: { homeAddress: value === '' ? null : value } })),
    );
    if (r) onDone(r);
  };
  return (
    <div className="desk-inmate-address" data-testid="inmate-address">
      <p data-testid="inmate-ward">{t('desk.inmates.ward', { ward: inmate.wardName })}</p>
      <div className="desk-row">
        <label>
          {t('desk.inmates.homeAddress')}
          <input
            data-testid="inmate-home-address"
            value={address}
            maxLength={200}
            placeholder={t('desk.inmates.addressNone')}
            onChange={(e) => setAddress(e.target.value)}
          />
        </label>
        <button
          type="button"
          className="button"
          data-testid="inmate-address-save"
          disabled={task.busy}
          onClick={() => void save()}
        >
          {t('desk.inmates.saveAddress')}
        </button>
      </div>
      <RefusalNote refusal={task.refusal} />
    </div>
  );
}

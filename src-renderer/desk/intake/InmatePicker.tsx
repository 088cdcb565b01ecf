// Which inmate the application names. At a bureau or office (Form 2, R8.1) the applicant
// names the prison and the inmate's number and name, both must match; at a prison (Form 1)
// the clerk searches the prison's own inmates.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskSite } from '../../kiosk-types';
import { deskCall } from '../app/desk-call';
import { useDeskClient, useDeskTask } from '../app/desk-hooks';
import { RefusalNote } from '../app/RefusalNote';
import { SelectField } from '../app/SelectField';

export interface PickedInmate {
  id: string;
  name: string;
  inmateNumber: string;
}

export function InmatePicker({
  atPrison,
  prisons,
  picked,
  onPick,
}: {
  atPrison: boolean;
  prisons: readonly DeskSite[];
  picked: PickedInmate | null;
  onPick(i: PickedInmate | null): void;
}) {
  const { t } = useTranslation();
  const client = useDeskClient();
  const task = useDeskTask();
  const [prisonId, setPrisonId] = useState('');
  const [number, setNumber] = useState('');
  const [name, setName] = useState('');
  const [found, setFound] = useState<PickedInmate[] | null>(null);

  const find = async () => {
    onPick(null);
    setFound(null);
    if (atPrison) {
      const list = await task.run(() =>
        deskCall(client.desk.searchInmates({ name: name || undefined, inmateNumber: number || undefined, limit: 20 })),
      );
      if (list) setFound(list);
      return;
    }
    const one = await task.run(() => deskCall(client.desk.lookupInmate({ prisonId, inmateNumber: number, name })));
    if (one === null) setFound([]);
    else if (one) onPick(one);
  };

  return (
    <fieldset className="desk-inmate" data-testid="inmate-picker">
      <legend>{t('desk.intake.inmate')}</legend>
      <div className="desk-row">
        {!atPrison && (
          <SelectField
            label={t('desk.intake.prison')}
            testId="inmate-prison"
            options={prisons}
            value={prisonId}
            onChange={setPrisonId}
            placeholder={t('desk.intake.choose')}
          />
        )}
        <label className="desk-field">
          <span>{t('desk.intake.inmateNumber')}</span>
          <input data-testid="inmate-number" value={number} onChange={(e) => setNumber(e.target.value)} />
        </label>
        <label className="desk-field">
          <span>{t('desk.intake.inmateName')}</span>
          <input data-testid="inmate-name" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="button" className="button" data-testid="inmate-find" disabled={task.busy} onClick={() => void find()}>
          {t('desk.intake.find')}
        </button>
      </div>
      <RefusalNote refusal={task.refusal} />
      {found && found.length === 0 && <p data-testid="inmate-not-found">{t('desk.intake.notFound')}</p>}
      {found && found.length > 0 && (
        <ul className="desk-list">
          {found.map((i) => (
            <li key={i.id}>
              <button type="button" className="button button--quiet" data-testid="inmate-pick" onClick={() => onPick(i)}>
                {i.name}（{i.inmateNumber}）
              </button>
            </li>
          ))}
        </ul>
      )}
      {picked && (
        <p className="desk-picked" data-testid="inmate-picked">
          {t('desk.intake.picked', { name: picked.name, number: picked.inmateNumber })}
        </p>
      )}
    </fieldset>
  );
}

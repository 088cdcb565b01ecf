// A rollout of a complete build: to chosen terminals, a percentage of them, or all. The
// store checks the build is complete and the terminals exist; the form only gathers.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BuildView, FleetTerminal, RolloutTarget } from '../../kiosk-types';
import { SelectField } from '../app/SelectField';

type Kind = RolloutTarget['kind'];
const KINDS: readonly Kind[] = ['terminals', 'percentage', 'all'];

export function buildLabel(b: BuildView): string {
  return `${b.version}（${b.channel} · ${b.target}）`;
}

export function RolloutForm({
  builds,
  terminals,
  busy,
  onSubmit,
}: {
  builds: readonly BuildView[];
  terminals: readonly FleetTerminal[];
  busy: boolean;
  onSubmit: (buildId: string, target: RolloutTarget) => void;
}) {
  const { t } = useTranslation();
  const complete = builds.filter((b) => b.complete);
  const [buildId, setBuildId] = useState('');
  const [kind, setKind] = useState<Kind>('terminals');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [percent, setPercent] = useState(10);
  const target: RolloutTarget | null =
    kind === 'all'
      ? { kind }
      : kind === 'percentage'
        ? Number.isInteger(percent) && percent >= 1 && percent <= 100
          ? { kind, percent }
          : null
        : chosen.size > 0
          ? { kind, terminalIds: [...chosen] }
          : null;
  const toggle = (id: string, on: boolean) =>
    setChosen((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  return (
    <form
      className="desk-action"
      data-testid="rollout-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (buildId !== '' && target !== null) onSubmit(buildId, target);
      }}
    >
      <h3 className="card__title">{t('desk.updates.newRollout')}</h3>
      <SelectField
        label={t('desk.updates.build')}
        testId="rollout-build"
        options={complete.map((b) => ({ id: b.id, name: buildLabel(b) }))}
        value={buildId}
        placeholder={t('desk.updates.chooseBuild')}
        onChange={setBuildId}
      />
      <fieldset className="desk-field">
        <legend>{t('desk.updates.target')}</legend>
        <div>
          {KINDS.map((k) => (
            <label key={k} className="desk-choice">
              <input
                type="radio"
                name="rollout-kind"
                data-testid={`rollout-kind-${k}`}
                checked={kind === k}
                onChange={() => setKind(k)}
              />
              {t(`desk.updates.kind.${k}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {kind === 'terminals' && (
        <div className="fleet-pick" data-testid="rollout-terminals">
          {terminals.map((x) => (
            <label key={x.id} className="desk-choice">
              <input
                type="checkbox"
                data-testid="rollout-terminal"
                data-terminal={x.id}
                checked={chosen.has(x.id)}
                onChange={(e) => toggle(x.id, e.target.checked)}
              />
              {x.organisationName} · {x.roomName}（{x.heartbeat?.version ?? '—'}）
            </label>
          ))}
        </div>
      )}
      {kind === 'percentage' && (
        <label className="desk-field">
          <span>{t('desk.updates.percent')}</span>
          <input
            type="number"
            min={1}
            max={100}
            data-testid="rollout-percent"
            value={percent}
            onChange={(e) => setPercent(Number(e.target.value))}
          />
        </label>
      )}
      <p className="desk-muted">{t('desk.updates.policyNote')}</p>
      <button type="submit" className="button" data-testid="rollout-submit" disabled={busy || buildId === '' || target === null}>
        {t('desk.updates.start')}
      </button>
    </form>
  );
}

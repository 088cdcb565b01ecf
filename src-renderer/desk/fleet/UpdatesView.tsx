// Builds and rollouts (the province's administrators; the store refuses anyone else): the
// builds the province uploaded (their files and whether every one arrived), a new rollout,
// and the rollouts so far. Uploading an installer is a script's job (docs/deploy.md,
// Updates), not the desk's: its files are hundreds of megabytes.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chinaDateTime } from '../../../src-shared/calendar/china-time';
import type { BuildView, FleetTerminal, Rollout, RolloutTarget } from '../../kiosk-types';
import { deskCall } from '../app/desk-call';
import { useDeskClient, useDeskTask } from '../app/desk-hooks';
import { RefusalNote } from '../app/RefusalNote';
import { buildLabel, RolloutForm } from './RolloutForm';

export function targetText(
  t: (key: string, options?: Record<string, unknown>) => string,
  target: RolloutTarget,
  terminals: readonly FleetTerminal[],
): string {
  if (target.kind === 'all') return t('desk.updates.kind.all');
  if (target.kind === 'percentage') return t('desk.updates.percentOf', { n: target.percent });
  const names = target.terminalIds.map((id) => {
    const x = terminals.find((y) => y.id === id);
    return x ? `${x.organisationName} · ${x.roomName}` : id;
  });
  return names.join('、');
}

export function UpdatesPanel({
  builds,
  rollouts,
  terminals,
  busy,
  onRollout,
}: {
  builds: readonly BuildView[];
  rollouts: readonly Rollout[];
  terminals: readonly FleetTerminal[];
  busy: boolean;
  onRollout: (buildId: string, target: RolloutTarget) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="desk-overview" data-testid="updates">
      <section className="card desk-overview__wide">
        <h3 className="card__title">{t('desk.updates.builds')}</h3>
        {builds.length === 0 ? (
          <p className="chart__empty">{t('desk.updates.noBuilds')}</p>
        ) : (
          <table className="desk-table" data-testid="builds">
            <thead>
              <tr>
                <th>{t('desk.updates.version')}</th>
                <th>{t('desk.updates.files')}</th>
                <th>{t('desk.updates.state')}</th>
                <th>{t('desk.updates.createdAt')}</th>
                <th>{t('desk.updates.notes')}</th>
              </tr>
            </thead>
            <tbody>
              {builds.map((b) => (
                <tr key={b.id} data-testid="build-row" data-version={b.version} data-complete={b.complete ? 'yes' : 'no'}>
                  <td>{buildLabel(b)}</td>
                  <td>
                    {b.files.map((f) => (
                      <div key={f.name} className="fleet-file">
                        {f.name}（{Math.ceil(f.size / 1024)} KiB{f.uploaded ? '' : `，${t('desk.updates.missing')}`}）
                      </div>
                    ))}
                  </td>
                  <td>
                    <span className={`desk-badge${b.complete ? '' : ' desk-badge--warn'}`}>
                      {b.complete ? t('desk.updates.complete') : t('desk.updates.incomplete')}
                    </span>
                  </td>
                  <td>{chinaDateTime(new Date(b.createdAt))}</td>
                  <td>{b.releaseNotes ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card">
        <RolloutForm builds={builds} terminals={terminals} busy={busy} onSubmit={onRollout} />
      </section>
      <section className="card">
        <h3 className="card__title">{t('desk.updates.rollouts')}</h3>
        {rollouts.length === 0 ? (
          <p className="chart__empty">{t('desk.updates.noRollouts')}</p>
        ) : (
          <table className="desk-table" data-testid="rollouts">
            <thead>
              <tr>
                <th>{t('desk.updates.version')}</th>
                <th>{t('desk.updates.target')}</th>
                <th>{t('desk.updates.startedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {rollouts.map((r) => (
                <tr key={r.id} data-testid="rollout-row" data-kind={r.target.kind}>
                  <td>{r.version}</td>
                  <td>{targetText(t, r.target, terminals)}</td>
                  <td>{chinaDateTime(new Date(r.startedAt))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

export function UpdatesView() {
  const { t } = useTranslation();
  const client = useDeskClient();
  const task = useDeskTask();
  const rolloutTask = useDeskTask();
  const { run } = task;
  const [data, setData] = useState<{ builds: BuildView[]; rollouts: Rollout[]; terminals: FleetTerminal[] } | null>(null);
  const [started, setStarted] = useState<Rollout | null>(null);

  const load = useCallback(() => {
    void run(async () => {
      const [builds, rollouts, terminals] = await Promise.all([
        deskCall(client.desk.updateBuilds({})),
        deskCall(client.desk.updateRollouts({})),
        deskCall(client.desk.fleetTerminals({})),
      ]);
      setData({ builds, rollouts, terminals });
    });
  }, [client, run]);
  useEffect(load, [load]);

  const rollout = async (buildId: string, target: RolloutTarget) => {
    const created = await rolloutTask.run(() => deskCall(client.desk.createRollout({ buildId, target })));
    if (created) {
      setStarted(created);
      load();
    }
  };

  return (
    <section data-testid="desk-updates">
      <h2>{t('desk.updates.title')}</h2>
      <RefusalNote refusal={task.refusal} />
      <RefusalNote refusal={rolloutTask.refusal} />
      {started && (
        <p className="card" role="status" data-testid="rollout-started">
          {t('desk.updates.started', { version: started.version })}
        </p>
      )}
      {data && (
        <UpdatesPanel
          builds={data.builds}
          rollouts={data.rollouts}
          terminals={data.terminals}
          busy={rolloutTask.busy}
          onRollout={(buildId, target) => void rollout(buildId, target)}
        />
      )}
    </section>
  );
}

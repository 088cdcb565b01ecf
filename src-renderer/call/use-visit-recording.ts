// Ties the call screen to its recording (R13.1): opens it when both sides are
// ready, records both streams from the moment the call is in progress, marks the call's
// notices as chapters, and stops when the call ends (completed, terminated, interrupted)
// so main seals and signs the archive.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallNotice, CallState } from '../../src-shared/signaling/call-schemas';
import type { KioskClient } from '../kiosk-client';
import { useSite } from '../store/hooks';
import { endVisitRecording, markNotices, openVisitRecording, recordVisitStreams, updateRemoteStream } from './visit-recording';

export function useVisitRecording(
  client: KioskClient | null,
  call: CallState | null,
  local: MediaStream | null,
  remote: MediaStream | null,
): string | null {
  const { t } = useTranslation();
  const site = useSite();
  const [problem, setProblem] = useState<string | null>(null);
  const visitId = call?.visitId ?? null;
  const phase = call?.phase ?? null;

  useEffect(() => {
    // Both sides are ready: open main's recording now, so it is running when the call starts.
    if (client && visitId && (phase === 'connecting' || phase === 'in-progress')) openVisitRecording(client, visitId, setProblem);
  }, [client, visitId, phase]);

  useEffect(() => {
    if (!call || !local || !remote || phase !== 'in-progress') return;
    const visitors = call.visitors.map((v) => v.name).join('、');
    const [mine, theirs] = call.side === 'inmate' ? [call.inmateName, visitors] : [visitors, call.inmateName];
    recordVisitStreams(
      call.visitId,
      { local, remote },
      {
        siteName: site?.siteName ?? '',
        local: t('call.recording.local', { who: mine }),
        remote: t('call.recording.remote', { who: theirs }),
        soundGaps: (holes, seconds) => t('call.recording.soundGaps', { holes, seconds }),
      },
      setProblem,
    );
    // The call object changes on every state event; the recording only needs these.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [visitId, phase, local, remote]);

  useEffect(() => {
    if (visitId && remote) updateRemoteStream(visitId, remote);
  }, [visitId, remote]);

  useEffect(() => {
    if (!call) return;
    const title = (n: CallNotice) => {
      const head = [t(`call.notice.${n.kind}`), n.code && n.code !== 'other' ? n.code : '', n.text].filter(Boolean).join(' ');
      return n.by ? t('call.recording.chapterBy', { title: head, name: n.by }) : head;
    };
    markNotices(call.visitId, call.notices, title, setProblem);
    if (call.phase === 'ended') endVisitRecording(call.visitId, setProblem);
  }, [call, t]);

  return problem;
}

// Issue #21 item 2: the call screen's spoken prompts — "please sit down" while the call is being
// set up, "the visit has begun" once, then each new notice (five and one minute left, a warning and why, the end and why).
// Notices already there when the screen mounts (a window reloaded mid-visit) are not replayed.
import { useEffect, useRef } from 'react';
import type { CallState } from '../../src-shared/signaling/call-schemas';
import { promptForNotice, type Prompt } from './visitor-prompts';

export function useSpokenCall(call: CallState | null, say: (p: Prompt) => void): void {
  const spoken = useRef<Set<string> | null>(null);
  const seated = useRef(false);
  const phase = call?.phase;

  const started = useRef(false);
  useEffect(() => {
    if (phase === undefined) return;
    if (!seated.current) {
      seated.current = true;
      if (phase === 'waiting' || phase === 'connecting') say({ key: 'speech.sitDown' });
    }
    if (phase === 'in-progress' && !started.current) {
      started.current = true;
      say({ key: 'speech.started' });
    }
  }, [phase, say]);

  const notices = call?.notices;
  useEffect(() => {
    if (!notices) return;
    if (spoken.current === null) {
      spoken.current = new Set(notices.map((n) => n.id));
      return;
    }
    const seen = spoken.current;
    const fresh = notices.filter((n) => !seen.has(n.id));
    for (const n of fresh) seen.add(n.id);
    const prompt = fresh
      .map(promptForNotice)
      .filter((p): p is Prompt => p !== null)
      .at(-1);
    if (prompt) say(prompt);
  }, [notices, say]);
}

// The sound level of a stream for the console's meters (R13.1: the officers see at a glance
// that both sides are heard): a WebAudio AnalyserNode, read ten times a second, as 0–1 on a
// −60…0 dBFS scale. The pure part (levelOf) is unit-tested.
import { useEffect, useState } from 'react';

const READ_EVERY_MS = 100;
const FLOOR_DB = -60;

/** RMS of the samples, mapped from FLOOR_DB…0 dBFS to 0…1. */
export function levelOf(samples: Float32Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const s of samples) sum += s * s;
  const rms = Math.sqrt(sum / samples.length);
  if (rms <= 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.min(1, Math.max(0, (db - FLOOR_DB) / -FLOOR_DB));
}

export function useAudioLevel(stream: MediaStream | null): number {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    // No sound to measure: the previous stream's cleanup already set 0.
    if (!stream || stream.getAudioTracks().length === 0) return;
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 2048;
    const source = context.createMediaStreamSource(stream);
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    // Started without a gesture it may be suspended; the console is clicked soon enough.
    const resume = () => void context.resume().catch(() => undefined);
    resume();
    window.addEventListener('pointerdown', resume);
    const id = window.setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      // Slow fall, quick rise: a meter that reads like a hardware one.
      setLevel((prev) => Math.max(levelOf(samples), prev * 0.7));
    }, READ_EVERY_MS);
    return () => {
      window.clearInterval(id);
      window.removeEventListener('pointerdown', resume);
      source.disconnect();
      void context.close().catch(() => undefined);
      setLevel(0);
    };
  }, [stream]);
  return level;
}

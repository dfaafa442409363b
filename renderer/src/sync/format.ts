// Sizes and ages as the Sync screens show them.
import { useEffect, useState } from 'react';
import type { Language } from '../../../shared/languages.ts';

const BYTE_UNITS = ['KB', 'MB', 'GB'] as const;

/** 1536 → "1.5 KB"; one decimal below 10 so small files do not all read "1 KB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${BYTE_UNITS[unit]}`;
}

const AGE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

/** "2 hours ago" / "2小时前" in the UI language; a clock slightly ahead of ours still reads as the past. */
export function formatAge(iso: string, now: number, language: Language): string {
  const seconds = Math.min(0, Math.round((Date.parse(iso) - now) / 1000));
  const [unit, size] = AGE_UNITS.find(([, s]) => -seconds >= s) ?? ['second', 1];
  return new Intl.RelativeTimeFormat(language, { numeric: 'auto' }).format(Math.round(seconds / size), unit);
}

/** The current time, refreshed now and then so ages on screen keep counting. */
export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

import { LRUCache } from 'lru-cache';

/** Wall-clock times in the association's time zone (Europe/Paris by default), both ways. */

type WallClock = { year: string; month: string; day: string; hour: string; minute: string; second: string };

/** One formatter per time zone: building an `Intl.DateTimeFormat` costs far more than using it (a feed dates 30 items). */
const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

/** The calendar date and time that a clock in `timeZone` shows at `date`, and that reading taken as UTC. */
const wallClockAt = (date: Date, timeZone: string): { parts: WallClock; asUtc: number } => {
  const formatted = formatterFor(timeZone).formatToParts(date);
  const part = (type: keyof WallClock) => formatted.find((p) => p.type === type)?.value ?? '00';
  const parts: WallClock = {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
  };
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second)
  );
  return { parts, asUtc };
};

/**
 * Midnights already computed, by time zone and day: a feed dates each press coverage by its day, and
 * `formatToParts` was 3.5 % of a feed request's CPU. The most recently used are kept, as prepared
 * statements are (lib/database/preparedStatements.ts).
 */
const midnights = new LRUCache<string, number>({ max: 1_000 });

/** Midnight of a calendar day where the association works (a `since=2026-11-01` means that morning in Paris). */
export const zonedMidnight = (day: string, timeZone: string): Date => {
  const key = `${timeZone} ${day}`;
  let instant = midnights.get(key);
  if (instant === undefined) {
    const utcMidnight = new Date(`${day}T00:00:00Z`);
    instant = utcMidnight.getTime() - (wallClockAt(utcMidnight, timeZone).asUtc - utcMidnight.getTime());
    midnights.set(key, instant);
  }
  // A new Date each time: a caller may change the one it gets.
  return new Date(instant);
};

/**
 * An instant as the wall-clock time where the association works, with its UTC offset:
 * `2020-09-28T07:00:00.000Z` in Europe/Paris → `2020-09-28T09:00:00+02:00`. Journalists read the
 * embargo in local time; the offset keeps it exact (ISO 8601) for those elsewhere.
 */
export const localTimeWithOffset = (instant: string | Date, timeZone: string): string => {
  const date = new Date(instant);
  const { parts, asUtc } = wallClockAt(date, timeZone);
  const offsetMinutes = Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offsetMinutes) % 60).padStart(2, '0');
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${sign}${hours}:${minutes}`;
};

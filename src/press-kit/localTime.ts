/**
 * An instant as the wall-clock time where the association works, with its UTC offset:
 * `2020-09-28T07:00:00.000Z` in Europe/Paris → `2020-09-28T09:00:00+02:00`. Journalists read the
 * embargo in local time; the offset keeps it exact (ISO 8601) for those elsewhere.
 */
export const localTimeWithOffset = (instant: string | Date, timeZone: string): string => {
  const date = new Date(instant);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  const wallClock = Date.UTC(Number(part('year')), Number(part('month')) - 1, Number(part('day')), Number(part('hour')), Number(part('minute')), Number(part('second')));
  const offsetMinutes = Math.round((wallClock - Math.floor(date.getTime() / 1000) * 1000) / 60000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offsetMinutes) % 60).padStart(2, '0');
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}${sign}${hours}:${minutes}`;
};

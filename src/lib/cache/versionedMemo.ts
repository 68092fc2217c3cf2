import type { Core } from '@strapi/strapi';
import { contentVersionService } from './responseCache';

type Computed<T> = { value: T; validUntil?: Date };
type Remembered<T> = { version: string; from: number; until?: number; value: T };

/**
 * Remembers one computed value while the content version stays the same and the clock stays inside
 * the window it was computed for (a visibility instant ends it; a clock moved back too). Without the
 * response-cache plugin there is no content version to tell a write, so the value is computed each time.
 */
export const versionedMemo = <T>(compute: (strapi: Core.Strapi, now: Date) => Promise<Computed<T>>) => {
  let remembered: Remembered<T> | undefined;
  const isValid = (entry: Remembered<T> | undefined, version: string, time: number): entry is Remembered<T> =>
    entry !== undefined && entry.version === version && time >= entry.from && (entry.until === undefined || time < entry.until);

  return async (strapi: Core.Strapi, now: Date): Promise<T> => {
    const versions = contentVersionService(strapi);
    if (!versions) return (await compute(strapi, now)).value;
    const version = await versions.current();
    const time = now.getTime();
    if (isValid(remembered, version, time)) return remembered.value;
    const { value, validUntil } = await compute(strapi, now);
    remembered = { version, from: time, until: validUntil?.getTime(), value };
    return value;
  };
};

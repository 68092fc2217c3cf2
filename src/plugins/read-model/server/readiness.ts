/**
 * Whether the plugin's tables exist yet: writes made by other plugins' bootstraps, before ours,
 * cannot be recorded, so they mark the model for a rebuild instead.
 */
let ready = false;
let missedWrites = false;

export const isReady = (): boolean => ready;
export const markReady = (): void => {
  ready = true;
};
export const noteMissedWrite = (): void => {
  missedWrites = true;
};
export const takeMissedWrites = (): boolean => {
  const missed = missedWrites;
  missedWrites = false;
  return missed;
};

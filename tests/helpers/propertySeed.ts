/**
 * The seed of a random exploration. FAST_CHECK_SEED replays a failed run, or sends a fixed-seed
 * property test down other paths by hand (`FAST_CHECK_SEED=7 npx jest …`); otherwise `fallback`: a
 * fixed seed where CI must replay the same draws, a new one where each run should explore more.
 */
export const propertySeed = (fallback: number): number => {
  const given = process.env.FAST_CHECK_SEED;
  if (given === undefined || given.trim() === '') return fallback;
  const seed = Number(given);
  if (!Number.isInteger(seed)) throw new Error(`FAST_CHECK_SEED must be an integer, not ${JSON.stringify(given)}`);
  return seed;
};

/**
 * Bumped when what a row holds changes shape, so that an upgrade rebuilds the model. In a file of its
 * own: the benchmark's dataset cache (tests/bench/datasets.js) hashes it, since a dataset stores a model.
 */
export const ROW_FORMAT = 7;

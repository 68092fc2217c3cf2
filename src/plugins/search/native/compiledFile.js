'use strict';
/**
 * Where the ranking function is compiled to, relative to this folder: written by
 * scripts/build-ranking.js, loaded by server/index/rankingExtension.ts (from the app's src/, as the
 * build leaves it there).
 */
const path = require('node:path');

const COMPILED_RANKING_FILE = path.join('build', process.platform === 'darwin' ? 'passerelle_rank.dylib' : 'passerelle_rank.so');

module.exports = { COMPILED_RANKING_FILE };

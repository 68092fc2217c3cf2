import { newStemmer } from 'snowball-stemmers';
import * as stopwordLists from 'stopword';

/**
 * Turns text into index tokens, the same way for the index and for queries, in JavaScript so that
 * SQLite and PostgreSQL index the very same tokens. Each word gives two tokens: its stem (for
 * language-aware matching: "numériques" → "numer") and its folded form (for prefix matching while
 * typing: "numériq" is a prefix of "numeriques"). Both are lower case without diacritics.
 */
export type Analysed = { stems: string[]; words: string[] };

/** A word's tokens, and whether it is a stop word of its language (then it is neither indexed nor searched). */
export type AnalysedWord = Analysed & { stop: boolean };

/** Snowball's algorithm for each language code (the part before `-`); other languages are only folded. */
const SNOWBALL_LANGUAGES: Record<string, string> = {
  ar: 'arabic',
  ca: 'catalan',
  cs: 'czech',
  da: 'danish',
  de: 'german',
  en: 'english',
  es: 'spanish',
  eu: 'basque',
  fi: 'finnish',
  fr: 'french',
  ga: 'irish',
  hu: 'hungarian',
  hy: 'armenian',
  it: 'italian',
  nb: 'norwegian',
  nl: 'dutch',
  nn: 'norwegian',
  no: 'norwegian',
  pt: 'portuguese',
  ro: 'romanian',
  ru: 'russian',
  sl: 'slovene',
  sv: 'swedish',
  ta: 'tamil',
  tr: 'turkish',
};

/** The analyser each locale gets: its configured name, else Snowball's for its language, else folding only. */
export const analyserNameFor = (locale: string, configured: Record<string, string> = {}): string => {
  const language = locale.toLowerCase().split('-')[0];
  return configured[locale] ?? SNOWBALL_LANGUAGES[language] ?? 'none';
};

const stemmers = new Map<string, { stem: (word: string) => string } | null>();
const stemmerFor = (name: string) => {
  if (!stemmers.has(name)) stemmers.set(name, name === 'none' ? null : newStemmer(name));
  return stemmers.get(name) ?? null;
};

/**
 * The `stopword` package's list for each Snowball algorithm (ISO 639-3 codes). Words so common that
 * nearly every text has them ("le", "de", "the") only slow a search down and blur its ranking.
 */
const STOPWORD_LISTS: Record<string, keyof typeof stopwordLists> = {
  arabic: 'ara',
  catalan: 'cat',
  czech: 'ces',
  danish: 'dan',
  german: 'deu',
  english: 'eng',
  spanish: 'spa',
  basque: 'eus',
  finnish: 'fin',
  french: 'fra',
  irish: 'gle',
  hungarian: 'hun',
  armenian: 'hye',
  italian: 'ita',
  norwegian: 'nob',
  dutch: 'nld',
  portuguese: 'por',
  romanian: 'ron',
  russian: 'rus',
  slovene: 'slv',
  swedish: 'swe',
  turkish: 'tur',
};

/** Letters that NFKD leaves whole. */
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', đ: 'd', ł: 'l', ı: 'i' };

/** Lower case, no diacritics, no ligatures: "DéClics" → "declics". May split into several pieces. */
export const fold = (text: string): string[] =>
  text
    .toLowerCase()
    .replace(/[œæßøđłı]/g, (letter) => LIGATURES[letter])
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

const stopWordSets = new Map<string, Set<string>>();
/** The analyser's stop words, folded like the index's words ("été" → "ete"). */
const stopWordsOf = (analyser: string): Set<string> => {
  let set = stopWordSets.get(analyser);
  if (!set) {
    const list = STOPWORD_LISTS[analyser] ? (stopwordLists[STOPWORD_LISTS[analyser]] as string[]) : [];
    set = new Set(list.flatMap((word) => fold(word)));
    stopWordSets.set(analyser, set);
  }
  return set;
};

/** Words as a reader sees them: letters, digits and their combining marks; "l'inclusion" is two words. */
export const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/**
 * Snowball in JavaScript costs 25 to 45 µs a word, and text repeats its words: the analysis of each
 * word is remembered, up to a bound, then forgotten at once (the common words come back within a few
 * texts), in each spelling met ("Numérique" and "numérique" are two). A word held costs about 550
 * bytes of heap, kept for good: 20,000 words (about the whole vocabulary of the benchmark's 10,000
 * articles in two languages) hold about 11 MB; the bound of 200,000 it replaces let a large site's
 * index rebuild leave 110 MB held. A least-recently-used cache
 * (`lru-cache`) held the same but made every remembered word 7 % slower to analyse.
 */
export const REMEMBERED_WORDS = 20_000;
/** Per analyser, keyed by the word as the text holds it: a word met again costs one lookup, before any normalization. */
const memo = new Map<string, Map<string, AnalysedWord>>();
let remembered = 0;

/** How many words' analyses are held (for tests of the bound). */
export const rememberedWordCount = (): number => remembered;

/** A word's tokens (usually one of each), computed: stemming runs on the accented word, then its stem is folded. */
export const analyseWordUncached = (word: string, analyser: string): AnalysedWord => {
  const lower = word.normalize('NFC').toLowerCase();
  const stemmer = stemmerFor(analyser);
  const words = fold(lower);
  const stems = stemmer ? fold(stemmer.stem(lower)) : words;
  // Stemming never changes the number of pieces in practice; keep both lists aligned regardless.
  const stop = words.length === 1 && stopWordsOf(analyser).has(words[0]);
  return { stems: stems.length === words.length ? stems : words, words, stop };
};

/** A word's tokens, remembered (see REMEMBERED_WORDS). */
export const analyseWord = (word: string, analyser: string): AnalysedWord => {
  let known = memo.get(analyser);
  if (!known) memo.set(analyser, (known = new Map<string, AnalysedWord>()));
  const held = known.get(word);
  if (held) return held;
  const analysed = analyseWordUncached(word, analyser);
  if (remembered >= REMEMBERED_WORDS) {
    memo.clear();
    memo.set(analyser, (known = new Map<string, AnalysedWord>()));
    remembered = 0;
  }
  known.set(word, analysed);
  remembered += 1;
  return analysed;
};

/**
 * A text's tokens, stop words left out. A phrase then steps over them, the same way in the index and
 * in the query: "pôle de l'emploi" is indexed as "pôle emploi".
 */
export const analyse = (text: string, analyser: string): Analysed => {
  const result: Analysed = { stems: [], words: [] };
  // `match` gives the words alone; `matchAll` would build a match object (and its groups) for each.
  for (const word of text.match(WORD) ?? []) {
    const { stems, words, stop } = analyseWord(word, analyser);
    if (stop) continue;
    for (const stem of stems) result.stems.push(stem);
    for (const folded of words) result.words.push(folded);
  }
  return result;
};

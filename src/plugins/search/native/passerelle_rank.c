/*
** passerelle_rank: FTS5's bm25 ranking with each phrase's document count remembered between
** queries, as a SQLite loadable extension.
**
** FTS5's bm25() counts, for every query, the rows holding each phrase of the query (its IDF), by
** reading the phrase's whole doclist: for a word found in every article that is a few milliseconds
** at 50,000 articles, and it grows with the site. Here a phrase's count is read the same way the first
** time, then remembered under a label the caller gives it for as long as the index's structure
** record is the same bytes (FTS5 writes it again at every commit that changes the index, from any
** connection or process); everything else is bm25's computation, in the same order, so the scores
** are bm25's exactly.
**
**   passerelle_bm25(fts_table, structure, labels, weight_0, ..., weight_n)
**
** `structure` is the table's structure record (`SELECT block FROM <table>_data WHERE id = 10`), or
** any value that changes with it (the caller prefixes what tells a table made again from the one before).
** `labels` names the query's phrases in order, separated by U+001F: each phrase's own MATCH text, as
** `{columns} : "token token"` or `{columns} : "token"*`. A phrase's count is remembered only when its
** label's quoted text is the tokens FTS5 parsed for it; otherwise (or without labels) it is read as
** bm25 reads it. `passerelle_rank_remembered()` says how many counts this connection remembers.
**
**   passerelle_bm25_kept(fts_table, counts_table, structure, labels, weight_0, ..., weight_n)
**
** The same, and a phrase of one token neither remembered nor a prefix is first looked up in
** `counts_table` (column_set, term, rows), which the index's writer keeps in the transaction of every
** write to the FTS5 table: `rows` entries hold `term` in the columns the label names (its text before
** ` : `), whose set's number is the `rows` of the row (0, that text). A label's columns are looked up
** only when the table numbers them; otherwise, or without the table, the phrase's doclist is walked.
**
**   passerelle_fts5_tokens(text, tokenizer, argument...)
**
** The distinct tokens FTS5's `tokenizer` (with its arguments, as in a table's `tokenize` option) reads
** in `text` as a document, as a JSON array in byte order: what the writer counts, keyed by the tokens
** FTS5 itself indexes (not the analyser's, which differ for a few words, e.g. a final sigma).
**
** Checked against SQLite 3.53.0 (better-sqlite3 12.x): fts5_api version 2, Fts5ExtensionApi 4.
*/
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define REMEMBERED_COUNTS 8192 /* slots of the table; it is emptied when full */
#define LABEL_SEPARATOR '\x1f'

typedef struct Remembered Remembered;
struct Remembered {
  char *key;              /* label, U+001E, the phrase's tokens separated by spaces; NULL when free */
  sqlite3_int64 rows;     /* rows holding the phrase */
};

typedef struct Counts Counts;
struct Counts {
  sqlite3_uint64 generation;
  int used;
  Remembered slots[REMEMBERED_COUNTS];
};

static void forgetAll(Counts *counts){
  int i;
  if(counts->used == 0) return;
  for(i = 0; i < REMEMBERED_COUNTS; i++){
    sqlite3_free(counts->slots[i].key);
    counts->slots[i].key = 0;
  }
  counts->used = 0;
}

static void destroyCounts(void *p){
  forgetAll((Counts*)p);
  sqlite3_free(p);
}

static unsigned int hashOf(const char *key){
  unsigned int h = 2166136261u; /* FNV-1a */
  while(*key){ h ^= (unsigned char)*key++; h *= 16777619u; }
  return h;
}

/* The slot holding `key`, or the free slot where it goes. */
static Remembered *slotOf(Counts *counts, const char *key){
  unsigned int i = hashOf(key) % REMEMBERED_COUNTS;
  while(counts->slots[i].key && strcmp(counts->slots[i].key, key) != 0){
    i = (i + 1) % REMEMBERED_COUNTS;
  }
  return &counts->slots[i];
}

static int countRow(const Fts5ExtensionApi *api, Fts5Context *fts, void *user){
  (void)api; (void)fts;
  (*(sqlite3_int64*)user)++;
  return SQLITE_OK;
}

/* The label, NUL-terminated, when its quoted text is phrase `phrase`'s tokens; else NULL. */
static char *checkedLabel(const Fts5ExtensionApi *api, Fts5Context *fts, int phrase, const char *label, int labelBytes, int *rc){
  const char *open = memchr(label, '"', labelBytes);
  const char *close = 0, *p;
  int tokens = api->xPhraseSize(fts, phrase);
  int i, at;
  char *copy;
  for(p = label + labelBytes - 1; p > open && open; p--){
    if(*p == '"'){ close = p; break; }
  }
  if(open == 0 || close == 0) return 0;
  at = (int)(open - label) + 1;
  for(i = 0; i < tokens; i++){
    const char *token; int tokenBytes;
    *rc = api->xQueryToken(fts, phrase, i, &token, &tokenBytes);
    if(*rc != SQLITE_OK) return 0;
    if(i > 0){
      if(label[at] != ' ') return 0;
      at++;
    }
    if(at + tokenBytes > (int)(close - label) || memcmp(label + at, token, tokenBytes) != 0) return 0;
    at += tokenBytes;
  }
  if(label + at != close) return 0;
  copy = sqlite3_malloc(labelBytes + 1);
  if(copy == 0){ *rc = SQLITE_NOMEM; return 0; }
  memcpy(copy, label, labelBytes);
  copy[labelBytes] = 0;
  return copy;
}

static sqlite3_uint64 generationOf(sqlite3_value *structure){
  const unsigned char *bytes = (const unsigned char*)sqlite3_value_blob(structure);
  int n = sqlite3_value_bytes(structure), i;
  sqlite3_uint64 h = 14695981039346656037ULL; /* FNV-1a, 64 bits */
  for(i = 0; bytes && i < n; i++){ h ^= bytes[i]; h *= 1099511628211ULL; }
  return h;
}

/*
** The kept count of a labelled phrase, when the label is one token, not a prefix, and its columns are
** kept: *found is 1 and *rows the count; else *found is 0. `statement` is prepared on first use.
*/
static int keptCountOf(sqlite3 *db, const char *table, sqlite3_stmt **statement, const char *label,
                       sqlite3_int64 *rows, int *found){
  const char *open = strchr(label, '"');
  const char *close = open ? strchr(open + 1, '"') : 0;
  int rc;
  *found = 0;
  if(table == 0 || open == 0 || close == 0 || close[1] != 0) return SQLITE_OK; /* a prefix ends with '*' */
  if(open - label < 3 || memcmp(open - 3, " : ", 3) != 0) return SQLITE_OK;
  if(memchr(open + 1, ' ', close - open - 1)) return SQLITE_OK;             /* several tokens */
  if(*statement == 0){
    char *sql = sqlite3_mprintf(
      "SELECT (SELECT c.rows FROM \"%w\" AS c WHERE c.column_set = s.rows AND c.term = ?2) "
      "FROM \"%w\" AS s WHERE s.column_set = 0 AND s.term = ?1", table, table);
    if(sql == 0) return SQLITE_NOMEM;
    rc = sqlite3_prepare_v2(db, sql, -1, statement, 0);
    sqlite3_free(sql);
    if(rc != SQLITE_OK){
      /* No such table (an index made before it, or by a writer without this extension): walk. */
      sqlite3_finalize(*statement);
      *statement = 0;
      return SQLITE_OK;
    }
  }
  sqlite3_reset(*statement);
  sqlite3_bind_text(*statement, 1, label, (int)(open - 3 - label), SQLITE_STATIC);
  sqlite3_bind_text(*statement, 2, open + 1, (int)(close - open - 1), SQLITE_STATIC);
  rc = sqlite3_step(*statement);
  if(rc == SQLITE_ROW){ /* the set is kept */
    *found = 1;
    *rows = sqlite3_column_int64(*statement, 0); /* NULL, no entry holds it: 0 */
    rc = SQLITE_OK;
  }else if(rc == SQLITE_DONE){
    rc = SQLITE_OK;
  }
  sqlite3_reset(*statement);
  return rc;
}

/* As fts5Bm25GetData: the average row length, and one IDF per phrase, each count remembered. */
typedef struct QueryData QueryData;
struct QueryData {
  int phrases;
  double averageLength;
  double *idf;
  double *frequency;
};

static int queryDataOf(const Fts5ExtensionApi *api, Fts5Context *fts, Counts *counts, sqlite3_uint64 generation,
                       const char *labels, sqlite3 *db, const char *keptTable, QueryData **out){
  int rc = SQLITE_OK;
  QueryData *data = (QueryData*)api->xGetAuxdata(fts, 0);
  if(data == 0){
    int phrases = api->xPhraseCount(fts);
    sqlite3_int64 rows = 0, tokens = 0;
    const char *label = labels;
    int labelled = labels != 0;
    sqlite3_stmt *kept = 0;
    int i;
    data = (QueryData*)sqlite3_malloc64(sizeof(QueryData) + phrases * 2 * sizeof(double));
    if(data == 0) return SQLITE_NOMEM;
    memset(data, 0, sizeof(QueryData) + phrases * 2 * sizeof(double));
    data->phrases = phrases;
    data->idf = (double*)&data[1];
    data->frequency = &data->idf[phrases];
    rc = api->xRowCount(fts, &rows);
    if(rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &tokens);
    if(rc == SQLITE_OK) data->averageLength = (double)tokens / (double)rows;
    if(counts->generation != generation){
      forgetAll(counts);
      counts->generation = generation;
    }
    for(i = 0; rc == SQLITE_OK && i < phrases; i++){
      sqlite3_int64 hits = 0;
      const char *end = 0;
      char *key = 0;
      Remembered *slot = 0;
      if(labelled){
        end = strchr(label, LABEL_SEPARATOR);
        if(end == 0) end = label + strlen(label);
        if(*label == 0) labelled = 0; /* fewer labels than phrases */
      }
      if(labelled){
        key = checkedLabel(api, fts, i, label, (int)(end - label), &rc);
        label = *end ? end + 1 : end;
      }
      if(rc == SQLITE_OK && key){
        slot = slotOf(counts, key);
        if(slot->key){
          hits = slot->rows;
          sqlite3_free(key);
          key = 0;
        }
      }
      if(rc == SQLITE_OK && (slot == 0 || key)){
        int found = 0;
        if(key) rc = keptCountOf(db, keptTable, &kept, key, &hits, &found);
        if(rc == SQLITE_OK && !found) rc = api->xQueryPhrase(fts, i, (void*)&hits, countRow);
        if(rc == SQLITE_OK && key){
          if(counts->used >= REMEMBERED_COUNTS / 2){
            forgetAll(counts);
            slot = slotOf(counts, key);
          }
          slot->key = key;
          slot->rows = hits;
          counts->used++;
          key = 0;
        }
      }
      sqlite3_free(key);
      if(rc == SQLITE_OK){
        double idf = log((rows - hits + 0.5) / (hits + 0.5));
        if(idf <= 0.0) idf = 1e-6;
        data->idf[i] = idf;
      }
    }
    sqlite3_finalize(kept);
    if(rc != SQLITE_OK){
      sqlite3_free(data);
      return rc;
    }
    rc = api->xSetAuxdata(fts, data, sqlite3_free);
    if(rc != SQLITE_OK) return rc;
  }
  *out = data;
  return SQLITE_OK;
}

/* bm25 with remembered counts, `kept` says whether the arguments begin with a counts table. */
static void rankWith(int kept, const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *context, int argc, sqlite3_value **argv){
  const double k1 = 1.2, b = 0.75; /* bm25's constants */
  Counts *counts = (Counts*)api->xUserData(fts);
  QueryData *data = 0;
  double score = 0.0, length = 0.0;
  int instances = 0, i, rc;
  sqlite3_uint64 generation;
  const char *labels, *keptTable = 0;
  if(argc < 2 + kept){
    sqlite3_result_error(context, kept ? "passerelle_bm25_kept(fts, counts, structure, labels, weights...)"
                                       : "passerelle_bm25(fts, structure, labels, weights...)", -1);
    return;
  }
  if(kept){
    keptTable = (const char*)sqlite3_value_text(argv[0]);
    argc -= 1;
    argv += 1;
  }
  generation = generationOf(argv[0]);
  labels = (const char*)sqlite3_value_text(argv[1]);
  argc -= 2;
  argv += 2;
  rc = queryDataOf(api, fts, counts, generation, labels, sqlite3_context_db_handle(context), keptTable, &data);
  if(rc == SQLITE_OK){
    memset(data->frequency, 0, sizeof(double) * data->phrases);
    rc = api->xInstCount(fts, &instances);
  }
  for(i = 0; rc == SQLITE_OK && i < instances; i++){
    int phrase, column, offset;
    rc = api->xInst(fts, i, &phrase, &column, &offset);
    if(rc == SQLITE_OK) data->frequency[phrase] += (argc > column) ? sqlite3_value_double(argv[column]) : 1.0;
  }
  if(rc == SQLITE_OK){
    int rowTokens;
    rc = api->xColumnSize(fts, -1, &rowTokens);
    length = (double)rowTokens;
  }
  if(rc != SQLITE_OK){
    sqlite3_result_error_code(context, rc);
    return;
  }
  for(i = 0; i < data->phrases; i++){
    score += data->idf[i] * ((data->frequency[i] * (k1 + 1.0)) / (data->frequency[i] + k1 * (1 - b + b * length / data->averageLength)));
  }
  sqlite3_result_double(context, -1.0 * score);
}

static void passerelleBm25(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *context, int argc, sqlite3_value **argv){
  rankWith(0, api, fts, context, argc, argv);
}

static void passerelleBm25Kept(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *context, int argc, sqlite3_value **argv){
  rankWith(1, api, fts, context, argc, argv);
}

/* ---- passerelle_fts5_tokens ---- */

typedef struct TokenList TokenList;
struct TokenList {
  char **tokens;
  int count;
  int capacity;
};

static int collectToken(void *user, int flags, const char *token, int bytes, int start, int end){
  TokenList *list = (TokenList*)user;
  char *copy;
  (void)start; (void)end;
  if(flags & FTS5_TOKEN_COLOCATED) return SQLITE_OK; /* a synonym at the same place: not a row's token of its own */
  if(list->count == list->capacity){
    int capacity = list->capacity ? list->capacity * 2 : 256;
    char **tokens = (char**)sqlite3_realloc64(list->tokens, sizeof(char*) * (sqlite3_uint64)capacity);
    if(tokens == 0) return SQLITE_NOMEM;
    list->tokens = tokens;
    list->capacity = capacity;
  }
  copy = (char*)sqlite3_malloc(bytes + 1);
  if(copy == 0) return SQLITE_NOMEM;
  memcpy(copy, token, bytes);
  copy[bytes] = 0;
  list->tokens[list->count++] = copy;
  return SQLITE_OK;
}

static int byBytes(const void *a, const void *b){
  return strcmp(*(char* const*)a, *(char* const*)b);
}

static void appendJsonString(sqlite3_str *out, const char *text){
  const unsigned char *p;
  sqlite3_str_appendchar(out, 1, '"');
  for(p = (const unsigned char*)text; *p; p++){
    if(*p == '"' || *p == '\\'){
      sqlite3_str_appendchar(out, 1, '\\');
      sqlite3_str_appendchar(out, 1, (char)*p);
    }else if(*p < 0x20){
      sqlite3_str_appendf(out, "\\u%04x", *p);
    }else{
      sqlite3_str_appendchar(out, 1, (char)*p);
    }
  }
  sqlite3_str_appendchar(out, 1, '"');
}

#define MAX_TOKENIZER_ARGUMENTS 8

static void fts5Tokens(sqlite3_context *context, int argc, sqlite3_value **argv){
  fts5_api *fts5 = (fts5_api*)sqlite3_user_data(context);
  const char *arguments[MAX_TOKENIZER_ARGUMENTS];
  const char *text, *name;
  void *tokenizerData = 0;
  fts5_tokenizer tokenizer;
  Fts5Tokenizer *instance = 0;
  TokenList list = {0, 0, 0};
  sqlite3_str *out;
  int rc, i, textBytes;
  if(argc < 2 || argc - 2 > MAX_TOKENIZER_ARGUMENTS){
    sqlite3_result_error(context, "passerelle_fts5_tokens(text, tokenizer, argument...)", -1);
    return;
  }
  text = (const char*)sqlite3_value_text(argv[0]);
  textBytes = sqlite3_value_bytes(argv[0]);
  name = (const char*)sqlite3_value_text(argv[1]);
  for(i = 2; i < argc; i++) arguments[i - 2] = (const char*)sqlite3_value_text(argv[i]);
  rc = name ? fts5->xFindTokenizer(fts5, name, &tokenizerData, &tokenizer) : SQLITE_ERROR;
  if(rc == SQLITE_OK) rc = tokenizer.xCreate(tokenizerData, arguments, argc - 2, &instance);
  if(rc == SQLITE_OK && text) rc = tokenizer.xTokenize(instance, (void*)&list, FTS5_TOKENIZE_DOCUMENT, text, textBytes, collectToken);
  if(instance) tokenizer.xDelete(instance);
  if(rc == SQLITE_OK){
    out = sqlite3_str_new(sqlite3_context_db_handle(context));
    qsort(list.tokens, list.count, sizeof(char*), byBytes);
    sqlite3_str_appendchar(out, 1, '[');
    for(i = 0; i < list.count; i++){
      if(i > 0 && strcmp(list.tokens[i], list.tokens[i - 1]) == 0) continue;
      if(sqlite3_str_length(out) > 1) sqlite3_str_appendchar(out, 1, ',');
      appendJsonString(out, list.tokens[i]);
    }
    sqlite3_str_appendchar(out, 1, ']');
    rc = sqlite3_str_errcode(out);
    if(rc == SQLITE_OK){
      int bytes = sqlite3_str_length(out);
      sqlite3_result_text(context, sqlite3_str_finish(out), bytes, sqlite3_free);
    }else{
      sqlite3_free(sqlite3_str_finish(out));
    }
  }
  for(i = 0; i < list.count; i++) sqlite3_free(list.tokens[i]);
  sqlite3_free(list.tokens);
  if(rc != SQLITE_OK) sqlite3_result_error_code(context, rc);
}

static void rememberedCounts(sqlite3_context *context, int argc, sqlite3_value **argv){
  (void)argc; (void)argv;
  sqlite3_result_int(context, ((Counts*)sqlite3_user_data(context))->used);
}

static fts5_api *fts5ApiOf(sqlite3 *db){
  fts5_api *api = 0;
  sqlite3_stmt *statement = 0;
  if(sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, 0) == SQLITE_OK){
    sqlite3_bind_pointer(statement, 1, (void*)&api, "fts5_api_ptr", 0);
    sqlite3_step(statement);
  }
  sqlite3_finalize(statement);
  return api;
}

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_passerellerank_init(sqlite3 *db, char **error, const sqlite3_api_routines *routines){
  fts5_api *fts5;
  Counts *counts;
  SQLITE_EXTENSION_INIT2(routines);
  fts5 = fts5ApiOf(db);
  if(fts5 == 0 || fts5->iVersion < 2){
    *error = sqlite3_mprintf("passerelle_rank needs FTS5");
    return SQLITE_ERROR;
  }
  counts = (Counts*)sqlite3_malloc64(sizeof(Counts));
  if(counts == 0) return SQLITE_NOMEM;
  memset(counts, 0, sizeof(Counts));
  counts->generation = 0;
  if(sqlite3_create_function(db, "passerelle_rank_remembered", 0, SQLITE_UTF8, (void*)counts, rememberedCounts, 0, 0) != SQLITE_OK){
    sqlite3_free(counts);
    return SQLITE_ERROR;
  }
  if(sqlite3_create_function(db, "passerelle_fts5_tokens", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, (void*)fts5, fts5Tokens, 0, 0) != SQLITE_OK){
    sqlite3_free(counts);
    return SQLITE_ERROR;
  }
  /* passerelle_bm25 owns the counts from here (SQLite frees them with the connection); both share them. */
  if(fts5->xCreateFunction(fts5, "passerelle_bm25", (void*)counts, passerelleBm25, destroyCounts) != SQLITE_OK) return SQLITE_ERROR;
  return fts5->xCreateFunction(fts5, "passerelle_bm25_kept", (void*)counts, passerelleBm25Kept, 0);
}

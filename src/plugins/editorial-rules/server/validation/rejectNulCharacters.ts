import { isWriteAction, type DocumentMiddleware } from '../../../../lib/documents/documentMiddleware';
import { nulCharacterViolations } from '../../../../lib/validation/nulCharacters';
import { validationError } from '../../../../lib/validation/validationError';

/**
 * A text holding U+0000 in a write: a 400 naming the field, on both databases. PostgreSQL cannot
 * store it (a 500), and SQLite did, so a backup of such content could not be restored onto
 * PostgreSQL. Text pasted from some PDF files carries it.
 */
export const rejectNulCharacters =
  (appliesTo: (uid: string) => boolean): DocumentMiddleware =>
  async (context, next) => {
    if (!appliesTo(context.uid) || !isWriteAction(context.action) || !context.params.data) return next();
    const violations = nulCharacterViolations(context.params.data, []);
    if (violations.length > 0) throw validationError(violations);
    return next();
  };

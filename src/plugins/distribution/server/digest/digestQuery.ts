import { findMalformedValues } from '../../../../lib/validation/malformedValues';
import { validationError } from '../../../../lib/validation/validationError';
import { zonedMidnight } from '../../../../lib/clock/zonedTime';

/** The answers the digest route gives: data for a newsletter tool, or the two parts of a multipart email. */
export const DIGEST_FORMATS = ['json', 'html', 'text'] as const;
export type DigestFormat = (typeof DIGEST_FORMATS)[number];

export const DIGEST_CONTENT_TYPES: Record<Exclude<DigestFormat, 'json'>, string> = {
  html: 'text/html; charset=utf-8',
  text: 'text/plain; charset=utf-8',
};

const fieldError = (field: string, message: string) => validationError([{ path: [field], message }]);

const isDate = (value: string, type: 'date' | 'datetime') =>
  findMalformedValues({ since: { type } }, { since: value }, () => undefined).length === 0;

export type DigestQuery = { since: Date; format: DigestFormat };

/** `since` (required; a date or an ISO date-time, not in the future) and `format` (json, html or text). */
export const parseDigestQuery = (query: Record<string, unknown>, now: Date, timeZone: string): DigestQuery => {
  const format = query.format ?? 'json';
  if (typeof format !== 'string' || !(DIGEST_FORMATS as readonly string[]).includes(format)) {
    throw fieldError('format', `format: unknown digest format "${String(format)}"; formats: ${DIGEST_FORMATS.join(', ')}`);
  }
  const raw = query.since;
  if (raw === undefined || raw === '') {
    throw fieldError('since', 'since: required, a date (2026-11-01) or an ISO 8601 date and time (2026-11-01T08:00:00+01:00)');
  }
  if (typeof raw !== 'string' || !(isDate(raw, 'date') || isDate(raw, 'datetime'))) {
    throw fieldError('since', `since: "${String(raw)}" is not a valid date; expected 2026-11-01 or 2026-11-01T08:00:00+01:00`);
  }
  const since = isDate(raw, 'date') ? zonedMidnight(raw, timeZone) : new Date(raw);
  if (since.getTime() > now.getTime()) {
    throw fieldError('since', `since: "${raw}" is in the future; the digest covers what was already published`);
  }
  return { since, format: format as DigestFormat };
};

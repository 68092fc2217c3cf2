import escapeHtml from 'escape-html';
import { isEmptyDigest, type Digest, type DigestItem } from './collectDigest';
import { digestLabels, formatDay, type DigestLabels } from './digestLabels';

/**
 * The digest as email HTML: tables for layout and inline styles only (mail clients drop <style>
 * and ignore flexbox), a 600-pixel column, alt text on every image, and every value escaped.
 */
const FONT = 'font-family:Arial,Helvetica,sans-serif;';
const TEXT_COLOUR = 'color:#1f2933;';
const MUTED = 'color:#52606d;';

const itemDate = (item: DigestItem, labels: DigestLabels, locale: string, timeZone: string) =>
  item.startDate && item.endDate
    ? labels.from(formatDay(item.startDate, locale, timeZone), formatDay(item.endDate, locale, timeZone))
    : formatDay(item.date, locale, timeZone);

const renderItem = (item: DigestItem, labels: DigestLabels, locale: string, timeZone: string): string => {
  const url = escapeHtml(item.url);
  const image = item.image
    ? `<tr><td style="padding:0 0 12px 0;"><a href="${url}"><img src="${escapeHtml(item.image.url)}" alt="${escapeHtml(item.image.alt)}" width="560" style="display:block;width:100%;max-width:560px;height:auto;border:0;" /></a></td></tr>`
    : '';
  const source = item.source ? `${escapeHtml(item.source.name)} · ` : '';
  const summary = item.summary
    ? `<tr><td style="${FONT}${TEXT_COLOUR}font-size:15px;line-height:22px;padding:0 0 8px 0;">${escapeHtml(item.summary)}</td></tr>`
    : '';
  return [
    `<tr><td style="padding:0 0 24px 0;"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">`,
    image,
    `<tr><td style="${FONT}font-size:18px;line-height:24px;font-weight:bold;padding:0 0 4px 0;"><a href="${url}" style="color:#0b5394;text-decoration:none;">${escapeHtml(item.title)}</a></td></tr>`,
    `<tr><td style="${FONT}${MUTED}font-size:13px;line-height:18px;padding:0 0 8px 0;">${source}${escapeHtml(itemDate(item, labels, locale, timeZone))}</td></tr>`,
    summary,
    `<tr><td style="${FONT}font-size:14px;"><a href="${url}" style="color:#0b5394;">${escapeHtml(labels.readMore(item.title))}</a></td></tr>`,
    `</table></td></tr>`,
  ].join('');
};

const preheaderOf = (digest: Digest, labels: DigestLabels): string =>
  labels
    .preheader(
      Object.values(digest.sections)
        .flatMap((items) => items.map((item) => item.title))
        .slice(0, 3)
    )
    .slice(0, 140);

/** After a section cut short: a link to the site for the rest. */
const moreOnSite = (digest: Digest, labels: DigestLabels, sectionTitle: string): string =>
  `<tr><td style="${FONT}font-size:14px;padding:0 0 16px 0;"><a href="${escapeHtml(digest.siteUrl)}" style="color:#0b5394;">${escapeHtml(labels.moreOnSite(sectionTitle, digest.siteName))}</a></td></tr>`;

/** `sectionTitles`: each section's heading in the digest's locale. */
export const renderDigestHtml = (digest: Digest, timeZone: string, sectionTitles: Record<string, string>): string => {
  const labels = digestLabels(digest.locale);
  const title = `${digest.siteName} — ${labels.heading}`;
  const sections = Object.keys(digest.sections)
    .filter((section) => digest.sections[section].length > 0)
    .map(
      (section) =>
        `<tr><td style="${FONT}${TEXT_COLOUR}font-size:22px;line-height:28px;font-weight:bold;padding:16px 0 12px 0;border-bottom:2px solid #e4e7eb;">${escapeHtml(sectionTitles[section] ?? section)}</td></tr>` +
        `<tr><td style="padding:16px 0 0 0;"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">${digest.sections[
          section
        ]
          .map((item) => renderItem(item, labels, digest.locale, timeZone))
          .join('')}</table></td></tr>` +
        (digest.more[section] ? moreOnSite(digest, labels, sectionTitles[section] ?? section) : '')
    );
  const body = isEmptyDigest(digest)
    ? [`<tr><td style="${FONT}${TEXT_COLOUR}font-size:15px;padding:16px 0;">${escapeHtml(labels.nothingNew)}</td></tr>`]
    : sections;
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(digest.locale)}">`,
    '<head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />',
    `<title>${escapeHtml(title)}</title></head>`,
    '<body style="margin:0;padding:0;background-color:#f5f7fa;">',
    // The preheader: shown by mail clients after the subject, hidden in the message itself.
    `<span style="display:none;font-size:1px;line-height:1px;max-height:0;max-width:0;opacity:0;overflow:hidden;mso-hide:all;">${escapeHtml(preheaderOf(digest, labels))}</span>`,
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f5f7fa;"><tr><td align="center" style="padding:24px 12px;">',
    '<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background-color:#ffffff;"><tr><td style="padding:24px 20px;">',
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">',
    `<tr><td style="${FONT}${TEXT_COLOUR}font-size:26px;line-height:32px;font-weight:bold;padding:0 0 4px 0;"><a href="${escapeHtml(digest.siteUrl)}" style="color:#1f2933;text-decoration:none;">${escapeHtml(title)}</a></td></tr>`,
    `<tr><td style="${FONT}${MUTED}font-size:14px;padding:0 0 8px 0;">${escapeHtml(labels.since(formatDay(digest.since, digest.locale, timeZone)))}</td></tr>`,
    ...body,
    '</table></td></tr></table>',
    '</td></tr></table></body></html>',
    '',
  ].join('\n');
};

import { isEmptyDigest, type Digest, type DigestItem } from './collectDigest';
import { digestLabels, formatDay, type DigestLabels } from './digestLabels';

/** The plain-text part of the multipart email: the same content as the HTML, readable in any client. */
const renderItem = (item: DigestItem, labels: DigestLabels, locale: string, timeZone: string): string[] => {
  const when =
    item.startDate && item.endDate
      ? labels.from(formatDay(item.startDate, locale, timeZone), formatDay(item.endDate, locale, timeZone))
      : formatDay(item.date, locale, timeZone);
  return [
    `* ${item.title}`,
    `  ${item.source ? `${item.source.name} · ` : ''}${when}`,
    ...(item.summary ? [`  ${item.summary}`] : []),
    `  ${item.url}`,
    '',
  ];
};

/** `sectionTitles`: each section's heading in the digest's locale. */
export const renderDigestText = (digest: Digest, timeZone: string, sectionTitles: Record<string, string>): string => {
  const labels = digestLabels(digest.locale);
  const title = `${digest.siteName} — ${labels.heading}`;
  const lines = [title, '='.repeat(title.length), labels.since(formatDay(digest.since, digest.locale, timeZone)), ''];
  if (isEmptyDigest(digest)) {
    lines.push(labels.nothingNew, '');
  }
  for (const section of Object.keys(digest.sections).filter((s) => digest.sections[s].length > 0)) {
    const heading = (sectionTitles[section] ?? section).toUpperCase();
    lines.push(heading, '-'.repeat(heading.length), '');
    for (const item of digest.sections[section]) lines.push(...renderItem(item, labels, digest.locale, timeZone));
    if (digest.more[section]) lines.push(labels.moreOnSite(sectionTitles[section] ?? section, digest.siteName), `  ${digest.siteUrl}`, '');
  }
  lines.push(digest.siteUrl, '');
  return lines.join('\n');
};

/**
 * What was published since a date, for the newsletter: JSON, or email HTML and plain text
 * (`format=html|text`), e.g. `/api/newsletter/digest?locale=fr&since=2026-11-01&format=html`.
 */
export default {
  routes: [
    {
      method: 'GET' as const,
      path: '/newsletter/digest',
      handler: 'api::newsletter.newsletter.digest',
    },
  ],
};

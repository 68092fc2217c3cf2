/**
 * Pieces of default population shared by the per-type populate middlewares, so every type shows a
 * related partner, edition or image the same way.
 */
export const creditedImage = { populate: { image: true } } as const;
export const partnerSummary = { fields: ['name', 'slug', 'kind', 'website'] } as const;
export const editionSummary = { fields: ['title', 'slug', 'number', 'startDate', 'endDate', 'format'] } as const;
export const programmeSummary = { fields: ['name', 'slug'] } as const;
export const personSummary = { fields: ['name', 'role', 'isPressContact', 'email', 'phone'] } as const;
export const articleSummary = { fields: ['title', 'slug', 'kind', 'standfirst', 'publishedAt', 'embargoUntil'] } as const;
export const pressCoverageSummary = { fields: ['headline', 'slug', 'publicationDate', 'medium'] } as const;

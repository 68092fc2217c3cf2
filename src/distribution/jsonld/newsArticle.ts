import { compact, imageObject, organizationRef, type CreditedImage, type JsonLd, type JsonLdContext } from '../../lib/jsonld/jsonLd';

type Article = {
  title?: string;
  standfirst?: string | null;
  kind?: string;
  byline?: string | null;
  cover?: CreditedImage | null;
  publishedAt?: string | null;
  firstPublishedAt?: string | null;
  updatedAt?: string | null;
  embargoUntil?: string | null;
  tags?: Array<{ label: string }> | null;
};

/** schema.org NewsArticle for news and press releases; Google's Article rich result reads these fields. */
export const newsArticleJsonLd = (article: Article, context: JsonLdContext): JsonLd => {
  // A release goes public at its embargo, not when staff pressed "publish" beforehand.
  const published = [article.embargoUntil, article.firstPublishedAt ?? article.publishedAt]
    .filter((d): d is string => Boolean(d))
    .sort()
    .pop();
  const image = imageObject(article.cover, context.mediaBaseUrl);
  return compact({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title?.slice(0, 110),
    description: article.standfirst ?? undefined,
    genre: article.kind === 'press-release' ? 'Press release' : undefined,
    inLanguage: context.locale,
    url: context.pageUrl,
    mainEntityOfPage: context.pageUrl ? { '@type': 'WebPage', '@id': context.pageUrl } : undefined,
    image: image ? [image] : undefined,
    datePublished: published,
    // A release edited before its embargo ends was still modified no earlier than it was published.
    dateModified: [article.updatedAt, published]
      .filter((d): d is string => Boolean(d))
      .sort()
      .pop(),
    author: article.byline
      ? [{ '@type': 'Organization', name: article.byline, url: context.organization.url }]
      : [organizationRef(context.organization)],
    publisher: organizationRef(context.organization),
    keywords: article.tags?.map((tag) => tag.label).join(', ') || undefined,
  });
};

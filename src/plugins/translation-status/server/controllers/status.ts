import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { adminLink } from '../utils/adminLink';
import { plainText } from '../utils/plainText';
import { adminBaseUrl } from '../strapiInternals';
import { translationServices } from '../services';
import type { DocumentTranslation, LinkedTranslation } from '../../shared/translationStatus';

type Context = Parameters<Core.MiddlewareHandler>[0];

const invalid = (field: string, message: string): never => {
  throw new errors.ValidationError(`${field}: ${message}`, { errors: [{ path: [field], message, name: 'ValidationError' }] });
};

/**
 * Status and "mark as current", for staff in the admin panel and for API tokens. The same checks
 * answer both; a bad locale, type or document is a 400 or 404 naming it.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => translationServices(strapi).settings;
  const tracker = () => translationServices(strapi).tracker;

  const knownLocale = async (value: unknown, field = 'locale'): Promise<string> => {
    if (typeof value !== 'string' || value === '') return invalid(field, 'a locale code is required');
    const locales = await strapi.plugin('i18n').service<{ find(): Promise<Array<{ code: string }>> }>('locales').find();
    if (!locales.some((locale) => locale.code === value))
      return invalid(field, `"${value}" is not one of ${locales.map((l) => l.code).join(', ')}`);
    return value;
  };

  const followedType = (value: unknown, field = 'contentType'): string => {
    if (typeof value !== 'string' || !settings().isFollowed(value)) {
      return invalid(field, `must be one of ${settings().followedTypes().join(', ') || '(none)'}`);
    }
    return value;
  };

  const documentIdOf = (value: unknown, field = 'documentId'): string => {
    if (typeof value !== 'string' || !/^[A-Za-z0-9]{1,64}$/.test(value)) return invalid(field, 'a document id is required');
    return value;
  };

  const withLink = (item: DocumentTranslation): LinkedTranslation => ({
    ...item,
    adminUrl: adminLink(
      adminBaseUrl(strapi),
      settings().contentType(item.contentType)?.kind ?? 'collectionType',
      item.contentType,
      item.documentId,
      item.locale
    ),
  });

  const list = async (ctx: Context) => {
    const query = ctx.query as Record<string, unknown>;
    const locale = await knownLocale(query.locale);
    const contentType = query.contentType === undefined ? undefined : followedType(query.contentType);
    const items = (await tracker().listBehind(locale, contentType)).map(withLink);
    ctx.body = {
      data: items,
      meta: {
        locale,
        source: await settings().sourceLocale(),
        missing: items.filter((i) => i.state === 'missing').length,
        outdated: items.filter((i) => i.state === 'outdated').length,
      },
    };
  };

  const markCurrent = async (ctx: Context, input: Record<string, unknown>, by: string | null) => {
    const contentType = followedType(input.contentType);
    const documentId = documentIdOf(input.documentId);
    const locale = await knownLocale(input.locale);
    const outcome = await tracker().markCurrent(contentType, documentId, locale, by);
    if (outcome === 'source') return invalid('locale', `"${locale}" is the source locale: it is not a translation`);
    if (outcome === 'missing') throw new errors.NotFoundError(`No "${locale}" version of ${contentType} ${documentId} to confirm`);
    ctx.body = { data: withLink(outcome) };
  };

  const adminUser = (ctx: Context) => {
    const user = ctx.state.user as { email?: string; firstname?: string; lastname?: string } | undefined;
    return user ? [user.firstname, user.lastname].filter(Boolean).join(' ') || user.email || null : null;
  };

  return {
    /** GET /api/translations/status?locale=en */
    list,

    /** POST /api/translations/mark-current { contentType, documentId, locale } */
    async markCurrent(ctx: Context) {
      const body = (ctx.request as unknown as { body?: unknown }).body;
      const input = body && typeof body === 'object' ? ((body as { data?: unknown }).data ?? body) : {};
      await markCurrent(ctx, input as Record<string, unknown>, 'api-token');
    },

    /** Admin: the list, for the plugin's page. */
    adminList: list,

    /** Admin: the state of one locale of a document, with the source's text of the changed fields. */
    async adminDocument(ctx: Context) {
      const contentType = followedType(ctx.params.contentType);
      const documentId = documentIdOf(ctx.params.documentId);
      const locale = await knownLocale((ctx.query as Record<string, unknown>).locale);
      const state = await tracker().stateOf(contentType, documentId, locale);
      const versions = await tracker().readVersions(contentType, documentId);
      const sourceEntry: Record<string, unknown> = versions.get(state.source)?.latest ?? {};
      ctx.body = {
        data: {
          ...withLink(state),
          isSource: locale === state.source,
          changes: state.changedFields.map((field) => ({ field, source: plainText(sourceEntry[field]) })),
        },
      };
    },

    /** Admin: « La traduction reste valable ». */
    async adminMarkCurrent(ctx: Context) {
      await markCurrent(
        ctx,
        { contentType: ctx.params.contentType, documentId: ctx.params.documentId, locale: (ctx.query as Record<string, unknown>).locale },
        adminUser(ctx)
      );
    },
  };
};

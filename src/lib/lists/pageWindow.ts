/**
 * Strapi's two pagination styles (page/pageSize and start/limit), with its configured default and
 * cap, as one window; used where a page is cut by hand (fallback lists).
 */
type Limits = { defaultLimit?: number; maxLimit?: number };
type Pagination = { page?: unknown; pageSize?: unknown; start?: unknown; limit?: unknown };

const positiveInt = (value: unknown, fallback: number) => {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? number : fallback;
};

export const pageWindow = (pagination: unknown, limits: Limits) => {
  const p = (pagination ?? {}) as Pagination;
  const defaultLimit = limits.defaultLimit ?? 25;
  const maxLimit = limits.maxLimit ?? 100;
  if (p.start !== undefined || p.limit !== undefined) {
    const start = Math.max(0, Number(p.start) || 0);
    const limit = Math.min(positiveInt(p.limit, defaultLimit), maxLimit);
    return { start, limit, pagination: (total: number) => ({ start, limit, total }) };
  }
  const page = positiveInt(p.page, 1);
  const pageSize = Math.min(positiveInt(p.pageSize, defaultLimit), maxLimit);
  return {
    start: (page - 1) * pageSize,
    limit: pageSize,
    pagination: (total: number) => ({ page, pageSize, pageCount: Math.ceil(total / pageSize), total }),
  };
};

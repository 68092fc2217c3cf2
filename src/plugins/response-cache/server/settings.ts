import { yup } from '@strapi/utils';

/** The response cache's configuration (config/plugins.ts → `response-cache.config`). */
export type ResponseCacheSettings = {
  /** Seconds a shared cache (CDN) may keep a public answer, and serve it stale while refreshing. */
  sMaxAge: number;
  staleWhileRevalidate: number;
  /** Seconds a shared cache may serve a public answer while the origin fails (0: not sent). All three are cut at the next bounded instant. */
  staleIfError: number;
  /** Memory and entries for the origin's own copy of public answers (0 MB turns it off). */
  maxMb: number;
  maxEntries: number;
  /** Query parameters the app's routes read beside Strapi's own; an answer to any other parameter is never stored. */
  queryParams: string[];
  /** Types whose writes change no public answer (admin users, sessions and tokens never do), so they keep the cache. */
  ignoreWritesTo: string[];
  /** Services (`plugin::<name>.<service>`) with `nextChange(now)`: no answer is kept past the earliest instant they give. */
  boundedBy: string[];
  /** Stored answers served before Koa (README, "The front door"). */
  frontDoor: {
    enabled: boolean;
    /** Middlewares placed before serve-cached that set the same headers on every anonymous read, or none. */
    constantMiddlewares: string[];
    /** Middlewares placed before serve-cached that decide per request, each with the service that does the same for the front door. */
    checks: Array<{ middleware: string; service: string }>;
  };
};

export const DEFAULT_SETTINGS: ResponseCacheSettings = {
  sMaxAge: 60,
  staleWhileRevalidate: 300,
  staleIfError: 3600,
  maxMb: 64,
  maxEntries: 10000,
  queryParams: [],
  ignoreWritesTo: [],
  boundedBy: [],
  frontDoor: { enabled: false, constantMiddlewares: [], checks: [] },
};

const count = yup.number().integer().min(0).required();
const serviceUid = yup
  .string()
  .required()
  .matches(/^plugin::[a-z0-9-]+\.[a-zA-Z0-9-]+$/, '${path}: "${value}" is not a plugin service UID');
const schema = yup
  .object({
    sMaxAge: count,
    staleWhileRevalidate: count,
    staleIfError: count,
    maxMb: count,
    maxEntries: count,
    queryParams: yup.array().of(yup.string().required()).required(),
    ignoreWritesTo: yup.array().of(yup.string().required()).required(),
    boundedBy: yup.array().of(serviceUid).required(),
    frontDoor: yup
      .object({
        enabled: yup.boolean().required(),
        constantMiddlewares: yup.array().of(yup.string().required()).required(),
        checks: yup
          .array()
          .of(
            yup
              .object({ middleware: yup.string().required(), service: serviceUid })
              .noUnknown(true, '${path}: unknown option(s) ${unknown}')
          )
          .required(),
      })
      .noUnknown(true, '${path}: unknown option(s) ${unknown}')
      .required(),
  })
  .noUnknown(true, '${path}: unknown option(s) ${unknown}');

/** Strapi calls this with the merged configuration (`config.validator`); an error stops the boot, naming the option. */
export const validateSettings = (config: unknown): void => {
  schema.validateSync(config, { strict: true, abortEarly: true });
};

import request from 'supertest';
import { startStrapiProcess, type StrapiProcess } from './strapiProcess';

export type SecondInstance = StrapiProcess & { http: () => ReturnType<typeof request> };

/**
 * Another instance of the app in its own process (`strapi start` on the compiled dist/), sharing
 * the database of the instance this test process booted: call it after `bootStrapi`, whose
 * environment (secrets, DATABASE_URL) it inherits. Strapi keeps its instance in a global, so two
 * instances cannot share one process.
 */
export const startSecondInstance = async (env: Record<string, string> = {}): Promise<SecondInstance> => {
  const instance = await startStrapiProcess(() => env);
  return { ...instance, http: () => request(instance.url) };
};

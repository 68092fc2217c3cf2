/**
 * Reads a secret that Strapi cannot run without. The message says how to get one: outside
 * production the usual cause is a fresh clone started without `npm run demo` (which creates `.env`);
 * in production nothing is generated, the operator sets the same value on every instance.
 */
export const requiredSecret = (env: (name: string) => string | undefined, name: string): string => {
  const value = env(name);
  if (!value) {
    const remedy =
      env('NODE_ENV') === 'production'
        ? 'In production no .env is generated: set it, with the same value on every instance, in the environment or in .env'
        : 'Run `node src/scripts/ensure-env.js` (or `npm run demo`) to create .env with fresh secrets, or set it in the environment';
    throw new Error(`${name} is not set. ${remedy} (see .env.example and "Running in production" in README.md).`);
  }
  return value;
};

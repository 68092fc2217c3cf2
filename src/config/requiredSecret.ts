/**
 * Reads a secret that Strapi cannot run without. The message says how to get one, because the
 * usual cause is a fresh clone started without `npm run demo` (which creates `.env`).
 */
export const requiredSecret = (env: (name: string) => string | undefined, name: string): string => {
  const value = env(name);
  if (!value) {
    throw new Error(
      `${name} is not set. Run \`node src/scripts/ensure-env.js\` (or \`npm run demo\`) to create .env with fresh secrets, ` +
        'or set it in the environment (see .env.example).'
    );
  }
  return value;
};

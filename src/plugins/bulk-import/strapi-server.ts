// Strapi loads a plugin's server part from `strapi-server.js` at the plugin's root.
export { default } from './server';

/**
 * The e-mail plugin's Content API route (`POST /api/email`) lets any full-access token send mail
 * through the server, which no site or journalist needs, and in Strapi 5.54.0 it answers 500 to a
 * request without a body. Staff and server code still send mail through the plugin's service; only
 * the public route is gone. (`routes['content-api']` is the plugin's route table, checked against 5.54.0.)
 */
type PluginWithRoutes = { routes: Record<string, unknown> };

export default (plugin: PluginWithRoutes): PluginWithRoutes => {
  delete plugin.routes['content-api'];
  return plugin;
};

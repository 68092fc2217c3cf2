/**
 * The site's reader accounts (users-permissions « User ») are not content: staff do not need them
 * among the content types, so the content manager leaves them out unless ADMIN_SHOW_SITE_USERS=true
 * (for a site that opens sign-ups and wants to manage them there). `contentTypes.user.schema.pluginOptions`
 * is the plugin's schema as loaded, checked against Strapi 5.54.0.
 */
type Schema = { pluginOptions?: Record<string, Record<string, unknown> | undefined> };
type PluginWithContentTypes = { contentTypes: Record<string, { schema: Schema }> };

export default (plugin: PluginWithContentTypes): PluginWithContentTypes => {
  // Strapi applies extensions after loading the configuration, with the global `strapi` set (5.54.0).
  if (strapi.config.get<boolean>('passerelle.showSiteUsersInAdmin', false)) return plugin;
  const schema = plugin.contentTypes.user.schema;
  schema.pluginOptions = { ...schema.pluginOptions, 'content-manager': { ...schema.pluginOptions?.['content-manager'], visible: false } };
  return plugin;
};

import { middlewaresWithoutStandIn } from '../../../src/plugins/response-cache/server/front-door/frontDoor';

const settings = {
  enabled: true,
  constantMiddlewares: ['strapi::logger', 'strapi::security'],
  checks: [{ middleware: 'plugin::public-api.rate-limit', service: 'plugin::public-api.rate-limit-admission' }],
};

describe('the front door stands in only for middlewares it knows', () => {
  it('opens when every middleware before serve-cached has a stand-in, given by name or as an object', () => {
    const configured = [
      'strapi::logger',
      { name: 'strapi::security', config: {} },
      'plugin::public-api.rate-limit',
      'plugin::response-cache.serve-cached',
      'strapi::body',
    ];
    expect(middlewaresWithoutStandIn(configured, settings)).toEqual([]);
  });

  it('names a middleware placed before serve-cached without a stand-in, and one given by its path', () => {
    const configured = [
      'strapi::logger',
      'global::ip-block',
      { resolve: './src/middlewares/audit' },
      'plugin::response-cache.serve-cached',
    ];
    expect(middlewaresWithoutStandIn(configured, settings)).toEqual(['global::ip-block', './src/middlewares/audit']);
  });

  it('stays closed when serve-cached is not configured', () => {
    expect(middlewaresWithoutStandIn(['strapi::logger'], settings)).toEqual(['plugin::response-cache.serve-cached']);
  });
});

import { fingerprintOf } from '../../src/plugins/read-model/server/rebuild';
import { bootStrapi, type TestServer } from '../helpers/strapi';

const PUBLIC_URL = 'http://api.passerelle.test';

/*
 * In a file of its own, so that no server from another describe runs on the database meanwhile (the
 * plugin's state is per app now: its `state` service).
 */
describe('read model: a second boot on the same database', () => {
  type State = { built_for: string | null; epoch: number | string };
  const stateOf = async (server: TestServer) => (await server.strapi.db.connection('passerelle_read_model_state').first()) as State;
  const builtState = async (server: TestServer) => {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const state = await stateOf(server);
      if (state.built_for) return state;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the read model was never built');
  };

  it('keeps the model built by the first boot: nothing marks it out of date, nothing rebuilds it', async () => {
    const env = { PUBLIC_URL, CACHE_RESPONSES_MAX_MB: '0', READ_MODEL_ENABLED: 'true', READ_MODEL_SERVE: 'true' };
    const first = await bootStrapi({ env });
    let built: State;
    try {
      built = await builtState(first);
    } finally {
      await first.stop();
    }
    const second = await bootStrapi({ databaseFile: first.databaseFile, env });
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const after = await stateOf(second);
      expect({ builtFor: after.built_for, epoch: Number(after.epoch) }).toEqual({ builtFor: built.built_for, epoch: Number(built.epoch) });
    } finally {
      await second.destroy();
    }
  });

  it('is still built for a new list checkpoint spacing, which changes how pages are read, not what is stored', async () => {
    const server = await bootStrapi({ env: { PUBLIC_URL, READ_MODEL_ENABLED: 'true' } });
    try {
      const before = await fingerprintOf(server.strapi);
      server.strapi.config.set('plugin::read-model.listCheckpointSpacing', 7);
      expect(await fingerprintOf(server.strapi)).toBe(before);
      // What is stored does depend on the rest of the settings.
      server.strapi.config.set('plugin::read-model.calendarTypes', []);
      expect(await fingerprintOf(server.strapi)).not.toBe(before);
    } finally {
      await server.destroy();
    }
  });
});

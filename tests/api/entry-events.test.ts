import type { Core } from '@strapi/strapi';
import { fixtures } from '../helpers/fixtures';
import { describeOnEachDatabase } from '../helpers/eachDatabase';
import { documents as documentsOf } from '../helpers/readModelProperty';
import { startWebhookReceiver } from '../helpers/webhookReceiver';

/**
 * Strapi reads a written entry again, with every relation and component, to emit each Document
 * Service event; Passerelle emits an event only when something hears it (response-cache,
 * `server/entry-events/heardEntryEvents.ts`). The fear is an event missed by someone who listens:
 * every `api::` type (from the schemas) goes through every write that sends an event, with nothing
 * listening, then with each way of listening Strapi offers (a listener, a subscriber, a webhook,
 * enabled in the middle of a transaction), and the events heard must carry the entry as Strapi
 * populates it. On SQLite, and on PostgreSQL when TEST_POSTGRES_URL is set (a pool of connections:
 * the events of one commit run side by side).
 */
type Emitted = { event: string; uid: string; entry: Record<string, unknown> | null };
type Listener = (payload: Emitted) => void;

const ENTRY_EVENT = /^entry\./;
/** The events whose entry Strapi reads again (all but entry.delete and entry.unpublish). */
const POPULATED = new Set(['entry.create', 'entry.update', 'entry.publish', 'entry.draft-discard']);

describeOnEachDatabase('entry events are emitted when something hears them', (server) => {
  let strapi: Core.Strapi;
  const emitted: Emitted[] = [];
  let lastQueryAt = 0;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

  beforeAll(async () => {
    strapi = server().strapi;
    receiver = await startWebhookReceiver();
    // What reaches the hub, seen without listening to it (which would make every event heard).
    const hub = strapi.eventHub as unknown as { emit: (event: string, payload: Omit<Emitted, 'event'>) => Promise<void> };
    const emit = hub.emit.bind(hub);
    hub.emit = (event, payload) => {
      if (ENTRY_EVENT.test(event)) emitted.push({ event, ...payload });
      return emit(event, payload);
    };
    strapi.db.connection.client.on('query', () => (lastQueryAt = Date.now()));
  });
  afterAll(async () => {
    await receiver?.close();
  });

  /** Events go out after the commit, each after its own read: waits until the database has been quiet a while. */
  const settled = () =>
    new Promise<void>((resolve) => {
      const check = () => (Date.now() - lastQueryAt >= 80 ? resolve() : setTimeout(check, 20));
      setTimeout(check, 20);
    });

  const apiTypes = () => Object.values(strapi.contentTypes).filter((type) => type.uid.startsWith('api::'));
  const fixtureOf = (uid: string) => {
    const name = uid.split('.').pop() as string;
    const fixture = fixtures()[name];
    if (!fixture) throw new Error(`tests/helpers/fixtures.ts has no document for ${uid}`);
    return fixture;
  };

  /** Every Document Service write that sends an event, on one French document of `uid`; the events Strapi sends for them. */
  const writeEveryWay = async (uid: string): Promise<Set<string>> => {
    const documents = documentsOf(strapi, uid);
    const { fr } = fixtureOf(uid);
    const { documentId } = await documents.create({ locale: 'fr', data: fr });
    await documents.update({ documentId, locale: 'fr', data: fr });
    await documents.publish({ documentId, locale: 'fr' });
    await documents.update({ documentId, locale: 'fr', data: fr });
    await documents.discardDraft({ documentId, locale: 'fr' });
    await documents.unpublish({ documentId, locale: 'fr' });
    await documents.delete({ documentId, locale: 'fr' });
    await settled();
    return new Set(['entry.create', 'entry.update', 'entry.publish', 'entry.draft-discard', 'entry.unpublish', 'entry.delete']);
  };

  /** The attributes Strapi populates in an event's entry: relations, media, components and dynamic zones, public ones. */
  const populatedAttributes = (uid: string) =>
    Object.entries(strapi.contentTypes[uid as keyof typeof strapi.contentTypes].attributes)
      .filter(
        ([name, attribute]) =>
          ['relation', 'media', 'component', 'dynamiczone'].includes(attribute.type) &&
          !['createdBy', 'updatedBy', 'localizations'].includes(name)
      )
      .filter(([, attribute]) => !(attribute as { private?: boolean }).private)
      .map(([name]) => name);

  const expectStrapisPayloads = (uid: string, events: Emitted[]) => {
    for (const { event, entry } of events.filter((emittedEvent) => POPULATED.has(emittedEvent.event))) {
      expect({ uid, event, missing: populatedAttributes(uid).filter((name) => entry && !(name in entry)) }).toEqual({
        uid,
        event,
        missing: [],
      });
    }
  };

  it('covers every content type', () => {
    expect(apiTypes().length).toBeGreaterThanOrEqual(7);
    for (const type of apiTypes()) expect(() => fixtureOf(type.uid)).not.toThrow();
  });

  it('emits nothing, and reads nothing again, while nothing listens (the purge targets wait for a webhook)', async () => {
    for (const { uid } of apiTypes()) {
      emitted.length = 0;
      await writeEveryWay(uid);
      expect({ uid, emitted: emitted.map(({ event }) => event) }).toEqual({ uid, emitted: [] });
    }
  });

  it('emits each event to a listener of it, and no other event, with the entry populated, until the listener is removed', async () => {
    const heard: Emitted[] = [];
    const events = ['entry.create', 'entry.update', 'entry.publish', 'entry.draft-discard', 'entry.unpublish', 'entry.delete'];
    // Each event on another type in turn (the subscriber's case below hears every type's events).
    for (const [index, event] of events.entries()) {
      const { uid } = apiTypes()[index % apiTypes().length];
      const listener: Listener = (payload) => void heard.push({ ...payload, event });
      const removeListener = strapi.eventHub.on(event, listener as never);
      heard.length = 0;
      emitted.length = 0;
      await writeEveryWay(uid);
      // Only the event listened to goes out; the others are still heard by nothing.
      expect({ uid, event, emitted: [...new Set(emitted.map((e) => e.event))] }).toEqual({ uid, event, emitted: [event] });
      expect(heard.length).toBeGreaterThan(0);
      expect(heard.every((payload) => payload.uid === uid)).toBe(true);
      expectStrapisPayloads(uid, heard);
      // Both ways of removing a listener Strapi offers.
      if (index % 2 === 0) removeListener();
      else strapi.eventHub.off(event, listener as never);
    }
    emitted.length = 0;
    await writeEveryWay('api::article.article');
    expect(emitted).toEqual([]);
  });

  it('emits every event to a subscriber of the hub, until it unsubscribes', async () => {
    const heard: Emitted[] = [];
    const subscriber = (event: string, payload: Emitted) => {
      if (ENTRY_EVENT.test(event)) heard.push({ ...payload, event });
    };
    const unsubscribe = strapi.eventHub.subscribe(subscriber as never);
    for (const { uid } of apiTypes()) {
      heard.length = 0;
      const expected = await writeEveryWay(uid);
      expect({ uid, heard: new Set(heard.map(({ event }) => event)) }).toEqual({ uid, heard: expected });
      expectStrapisPayloads(uid, heard);
    }
    unsubscribe();
    emitted.length = 0;
    await writeEveryWay('api::article.article');
    expect(emitted).toEqual([]);
  });

  it('sends a webhook its events with the entry populated, decided at the commit: none while it is disabled', async () => {
    const runner = strapi.get('webhookRunner');
    const store = strapi.get('webhookStore');
    const events = ['entry.create', 'entry.publish'];
    const created = await store.createWebhook({ name: 'events', url: receiver.url, headers: {}, events });
    runner.add(await store.updateWebhook(created.id, { ...created, isEnabled: false }));
    emitted.length = 0;
    await writeEveryWay('api::article.article');
    expect(emitted).toEqual([]);

    // Enabled after the writes, before their transaction commits: each event still goes to it, once.
    const documents = documentsOf(strapi, 'api::article.article');
    const written = await strapi.db.transaction(async () => {
      const ids: string[] = [];
      for (let index = 0; index < 3; index += 1)
        ids.push((await documents.create({ locale: 'fr', data: fixtureOf('api::article.article').fr })).documentId);
      runner.update(await store.updateWebhook(created.id, { ...created, isEnabled: true }));
      return ids;
    });
    for (const documentId of written) await documents.publish({ documentId, locale: 'fr' });
    await receiver.waitFor(written.length * events.length);
    await settled();
    for (const documentId of written) {
      const sent = receiver.received.filter((hook) => (hook.entry as { documentId?: string }).documentId === documentId);
      expect({ documentId, sent: sent.map((hook) => hook.event).sort() }).toEqual({ documentId, sent: events });
      expectStrapisPayloads(
        'api::article.article',
        sent.map((hook) => ({ event: hook.event, uid: hook.uid as string, entry: hook.entry as Record<string, unknown> }))
      );
    }
    // The events no webhook sends are still not emitted.
    expect([...new Set(emitted.map(({ event }) => event))].sort()).toEqual(events);
    runner.remove(created);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import {
  PLUGINS_READ_FOR_LISTENERS,
  auditLogsMayListen,
  decideEntryEventsAtCommit,
  isWebhookRunnerListener,
  sendsWebhookFor,
} from '../strapiInternals';

type Listener = (...args: never[]) => unknown;
type EventHub = Core.Strapi['eventHub'];

/**
 * Who listens on the event hub, learnt by wrapping its methods from this plugin's `register` on:
 * the listeners of each event, and the subscribers that hear every event.
 */
type HubListeners = {
  listenersOf(eventName: string): readonly Listener[];
  subscriberCount(): number;
};

const removeOne = (list: Listener[], listener: Listener) => {
  const index = list.indexOf(listener);
  if (index >= 0) list.splice(index, 1);
};

const trackHubListeners = (hub: EventHub): HubListeners => {
  const listeners = new Map<string, Listener[]>();
  const subscribers: Listener[] = [];
  const on = hub.on.bind(hub);
  const off = hub.off.bind(hub);
  const subscribe = hub.subscribe.bind(hub);
  const unsubscribe = hub.unsubscribe.bind(hub);
  const removeAllListeners = hub.removeAllListeners.bind(hub);
  const removeAllSubscribers = hub.removeAllSubscribers.bind(hub);
  // `once`, `addListener` and `removeListener` call `on` and `off` through the hub object, so they are seen too.
  // A listener removed with something else than what was added (Strapi's `once` does so) stays counted: heard.
  Object.assign(hub, {
    on(eventName: string, listener: Listener) {
      listeners.set(eventName, [...(listeners.get(eventName) ?? []), listener]);
      return on(eventName, listener as never);
    },
    off(eventName: string, listener: Listener) {
      removeOne(listeners.get(eventName) ?? [], listener);
      off(eventName, listener as never);
    },
    subscribe(subscriber: Listener) {
      subscribers.push(subscriber);
      subscribe(subscriber as never);
      return () => hub.unsubscribe(subscriber as never);
    },
    unsubscribe(subscriber: Listener) {
      removeOne(subscribers, subscriber);
      unsubscribe(subscriber as never);
    },
    removeAllListeners() {
      listeners.clear();
      removeAllListeners();
      return hub;
    },
    removeAllSubscribers() {
      subscribers.length = 0;
      removeAllSubscribers();
      return hub;
    },
  });
  return { listenersOf: (eventName) => listeners.get(eventName) ?? [], subscriberCount: () => subscribers.length };
};

/** Listeners that act only for a webhook that will send the event, such as the purge targets'. */
const forWebhooksOnly = new WeakSet<Listener>();

/**
 * Adds `listener` for `eventName`, as one that does nothing unless an enabled webhook sends that
 * event: an event no webhook sends is not emitted for it.
 */
export const onEntryEventForWebhooks = (strapi: Core.Strapi, eventName: string, listener: Listener): void => {
  forWebhooksOnly.add(listener);
  strapi.eventHub.on(eventName, listener as never);
};

/**
 * Pure: whether an entry event would reach anything: a subscriber to every event, or a listener
 * of the event other than the webhook runner's and those acting only for it, or an enabled webhook.
 */
export const isEventHeard = (
  eventName: string,
  hub: HubListeners,
  onlyForWebhooks: (listener: Listener) => boolean,
  sendsWebhook: (eventName: string) => boolean
): boolean =>
  hub.subscriberCount() > 0 || hub.listenersOf(eventName).some((listener) => !onlyForWebhooks(listener)) || sendsWebhook(eventName);

/**
 * The Document Service's entry events (`entry.create`, `entry.update`, `entry.publish`, …) are emitted
 * only when something would hear them. Strapi reads the whole entry again for each, with every
 * relation and component (9 of an article's statements, twice in a create and publish), and sanitizes it;
 * with no webhook for the event and no other listener, that work goes nowhere. An event not heard when
 * the write asks for it is asked about again once the write has committed, when Strapi emits it: a
 * webhook enabled in between is sent the event, with Strapi's payload.
 *
 * Listeners added before this plugin's `register` cannot be seen: so the events are always emitted
 * while a plugin other than Passerelle's and those read for listeners is installed, or while the
 * Enterprise audit logs may run.
 */
export const emitEntryEventsWhenHeard = (strapi: Core.Strapi): void => {
  // Passerelle's own plugins are this plugin's sibling folders (named so in config/plugins.ts), in this
  // app or in another that loads them from here; read from this file's place, not the app's.
  const ownPlugins = new Set(fs.readdirSync(path.resolve(__dirname, '..', '..', '..')));
  const unread = Object.keys(strapi.plugins).filter((name) => !ownPlugins.has(name) && !PLUGINS_READ_FOR_LISTENERS.has(name));
  if (unread.length > 0) {
    strapi.log.info(`[entry events] always emitted: plugin(s) ${unread.join(', ')} may listen to them`);
    return;
  }
  const hub = trackHubListeners(strapi.eventHub);
  const onlyForWebhooks = (eventName: string) => (listener: Listener) =>
    forWebhooksOnly.has(listener) || isWebhookRunnerListener(strapi, eventName, listener);
  decideEntryEventsAtCommit(
    strapi,
    (eventName) =>
      auditLogsMayListen(strapi) || isEventHeard(eventName, hub, onlyForWebhooks(eventName), (name) => sendsWebhookFor(strapi, [name]))
  );
};

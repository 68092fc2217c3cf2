import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Marks the code running inside a Document Service write that the plugin keeps in step (its rows are
 * refreshed in the same transaction). A query-engine write to a watched table outside such a scope
 * (`strapi import`, a script, the benchmark's generator) marks the model out of date. Module-level on
 * purpose: the scope belongs to the async call chain, whichever app it serves.
 */
const scope = new AsyncLocalStorage<true>();

export const runKeptInStep = <T>(work: () => Promise<T>): Promise<T> => scope.run(true, work);

export const isKeptInStep = (): boolean => scope.getStore() === true;

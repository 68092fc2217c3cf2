/**
 * Lets the event loop read sockets and run timers, then resolves. Background work that runs many
 * transactions in a row (a rebuild, a catching up) awaits it between two of them.
 *
 * On SQLite every statement is synchronous (better-sqlite3), and knex resolves its promises in
 * microtasks: a loop of transactions never gives the event loop a turn. Before this, the read model's
 * rebuild of 2,000 articles kept the server from reading any request for 7 to 10 seconds, and Node
 * then closed the idle keep-alive connections as soon as the loop turned (their 5-second timers had
 * run out meanwhile), dropping the requests clients had just sent on them. On PostgreSQL each
 * statement already waits for the network.
 */
export const yieldToRequests = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

import { inArrivalOrder } from '../../../../src/plugins/public-api/server/dispatch/arrivalOrder';

/** A request standing for Node's: only its name matters here. */
type Message = { url: string };
const request = (name: string): Message => ({ url: `/${name}` });
const response = {};
const nameOf = (message: Message) => message.url.slice(1);

/** One turn of the event loop: what `setImmediate` runs now, and the microtasks after it. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('inArrivalOrder', () => {
  it('calls the listener for each request in the order they came, one a turn of the event loop', async () => {
    const called: string[] = [];
    const dispatch = inArrivalOrder((message: Message) => called.push(nameOf(message)));
    for (const name of ['a', 'b', 'c']) dispatch(request(name), response);
    expect(called).toEqual([]);
    await turn();
    expect(called).toEqual(['a']);
    await turn();
    expect(called).toEqual(['a', 'b']);
    await turn();
    await turn();
    expect(called).toEqual(['a', 'b', 'c']);
  });

  it('puts a request that comes while others wait behind them, not before', async () => {
    const called: string[] = [];
    const dispatch = inArrivalOrder((message: Message) => {
      called.push(nameOf(message));
      // Arrives while b and c wait (as the client answered first sends its next request).
      if (nameOf(message) === 'a') dispatch(request('d'), response);
    });
    for (const name of ['a', 'b', 'c']) dispatch(request(name), response);
    for (let at = 0; at < 6; at += 1) await turn();
    expect(called).toEqual(['a', 'b', 'c', 'd']);
  });

  it('starts the next request while one waits for something (the database, a file)', async () => {
    const started: string[] = [];
    const finished: string[] = [];
    let release = () => {};
    const dispatch = inArrivalOrder(async (message: Message) => {
      started.push(nameOf(message));
      if (nameOf(message) === 'a') await new Promise<void>((resolve) => (release = resolve));
      finished.push(nameOf(message));
    });
    dispatch(request('a'), response);
    dispatch(request('b'), response);
    for (let at = 0; at < 4; at += 1) await turn();
    expect(started).toEqual(['a', 'b']);
    expect(finished).toEqual(['b']);
    release();
    await turn();
    expect(finished).toEqual(['b', 'a']);
  });

  it('takes requests again after the line has emptied', async () => {
    const called: string[] = [];
    const dispatch = inArrivalOrder((message: Message) => called.push(nameOf(message)));
    dispatch(request('a'), response);
    for (let at = 0; at < 3; at += 1) await turn();
    dispatch(request('b'), response);
    for (let at = 0; at < 3; at += 1) await turn();
    expect(called).toEqual(['a', 'b']);
  });
});

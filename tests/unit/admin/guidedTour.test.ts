import { GUIDED_TOUR_KEY, turnOffGuidedTour } from '../../../src/admin/guidedTour';

const memoryStorage = (initial: Record<string, string> = {}) => {
  const values = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    values,
  };
};

describe('turnOffGuidedTour', () => {
  it('starts the tour switched off in a browser that never saw it', () => {
    const storage = memoryStorage();
    turnOffGuidedTour(storage);
    expect(JSON.parse(storage.values.get(GUIDED_TOUR_KEY) ?? '{}')).toEqual({ enabled: false });
  });

  it('leaves a tour state the person already has', () => {
    const storage = memoryStorage({ [GUIDED_TOUR_KEY]: '{"enabled":true}' });
    turnOffGuidedTour(storage);
    expect(storage.values.get(GUIDED_TOUR_KEY)).toBe('{"enabled":true}');
  });
});

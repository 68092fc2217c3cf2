/** Strapi's guided tour keeps its state under this key (5.54, components/GuidedTour/Context). */
export const GUIDED_TOUR_KEY = 'STRAPI_GUIDED_TOUR';

type TourStorage = { getItem: (key: string) => string | null; setItem: (key: string, value: string) => void };

/**
 * The guided tour speaks English only and walks through building content types, which staff never
 * do: it starts switched off. Strapi fills in the rest of its state from this.
 */
export const turnOffGuidedTour = (storage: TourStorage): void => {
  if (!storage.getItem(GUIDED_TOUR_KEY)) storage.setItem(GUIDED_TOUR_KEY, JSON.stringify({ enabled: false }));
};

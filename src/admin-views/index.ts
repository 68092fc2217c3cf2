import type { ViewPreset } from './viewPreset';
import { articleView } from './article';
import { editionView } from './edition';
import { partnerView } from './partner';
import { pressCoverageView } from './pressCoverage';
import { programmeView } from './programme';
import { personView } from './person';
import { manifestoView } from './manifesto';
import { creditedImageView } from './creditedImage';

/** Every view the admin panel gets at boot, in French. */
export const ADMIN_VIEWS: ViewPreset[] = [
  articleView,
  editionView,
  partnerView,
  pressCoverageView,
  programmeView,
  personView,
  manifestoView,
  creditedImageView,
];

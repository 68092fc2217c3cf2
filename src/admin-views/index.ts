import type { ViewPreset } from '../plugins/staff-admin/server/admin-views/viewPreset';
import { articleView } from './article';
import { editionView } from './edition';
import { partnerView } from './partner';
import { pressCoverageView } from './pressCoverage';
import { programmeView } from './programme';
import { personView } from './person';
import { manifestoView } from './manifesto';
import { creditedImageView } from './creditedImage';

/** Passerelle's views in the admin panel, in French: the staff-admin plugin's `views` (config/plugins.ts). */
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

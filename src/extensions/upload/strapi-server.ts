import { pressMediaUploadExtension } from '../../plugins/press-media/server/uploadExtension';

// Strapi applies extensions of its own plugins from this folder only; the press-media plugin does the work.
export default pressMediaUploadExtension;

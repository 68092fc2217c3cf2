import schema from './translation-record/schema.json';

export const RECORD_UID = 'plugin::translation-status.translation-record';

export default { 'translation-record': { schema } };

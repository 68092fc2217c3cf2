/**
 * Content API: under `/api/translations` (no plugin prefix), each action its own permission, never
 * given to the Public role. Admin: for the panel's notice and page, any logged-in staff member.
 */
export default {
  'content-api': {
    type: 'content-api',
    prefix: '',
    routes: [
      { method: 'GET', path: '/translations/status', handler: 'status.list', config: {} },
      { method: 'POST', path: '/translations/mark-current', handler: 'status.markCurrent', config: {} },
    ],
  },
  admin: {
    type: 'admin',
    routes: [
      { method: 'GET', path: '/status', handler: 'status.adminList', config: { policies: ['admin::isAuthenticatedAdmin'] } },
      {
        method: 'GET',
        path: '/documents/:contentType/:documentId',
        handler: 'status.adminDocument',
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
      {
        method: 'POST',
        path: '/documents/:contentType/:documentId/mark-current',
        handler: 'status.adminMarkCurrent',
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
    ],
  },
};

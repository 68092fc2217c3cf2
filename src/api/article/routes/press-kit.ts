/** The press kit of a release: its text, hi-res images and credits, as one ZIP. */
export default {
  routes: [
    {
      method: 'GET',
      path: '/articles/slug/:slug/press-kit.zip',
      handler: 'press-kit.download',
      config: {},
    },
  ],
};

import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  kit: {
    adapter: adapter({ out: 'build' }),
    // Sources live in app/ (kit >= 2.54 resolves routes, lib, hooks and app.html from files.src);
    // static/ stays at the repository root.
    files: {
      src: 'app',
      assets: 'static',
    },
  },
};

export default config;

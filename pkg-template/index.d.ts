// The types of the package's main entry, whichever file the runtime loads (index.js, node.js,
// workerd.js, edge-light.js): the same API everywhere. `./api.js` is written by the build.
export * from './api.js';

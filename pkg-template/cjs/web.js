'use strict';
// `skimmer-activity-logs/web` from CommonJS: require() has already instantiated the wasm, so
// `init` and `initSync` have nothing left to do; they exist so code written for ./web still runs.
const api = require('./api.js');

for (const name of Object.keys(api)) exports[name] = api[name];

/** Resolves at once: the module is instantiated when it is required. */
exports.default = function init() {
  return Promise.resolve();
};

/** Does nothing: the module is instantiated when it is required. */
exports.initSync = function initSync() {};

// The types of the package's `require` entry: the same API as the ES module entries.
export * from './api.js';

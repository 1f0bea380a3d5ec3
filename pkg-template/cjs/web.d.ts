// The types of `require('skimmer-activity-logs/web')`: the main entry's API, plus init functions
// that have nothing left to do.
export * from './api.js';

/** Resolves at once: in CommonJS the module is instantiated when it is required. */
export default function init(input?: unknown): Promise<void>;
/** Does nothing: in CommonJS the module is instantiated when it is required. */
export function initSync(input?: unknown): void;

// The types of `skimmer-activity-logs/web`: the main entry's API, plus the init functions.
export { default, initSync } from './skimmer_activity_logs.js';
export type { InitInput, InitOutput, SyncInitInput } from './skimmer_activity_logs.js';
export * from './api.js';

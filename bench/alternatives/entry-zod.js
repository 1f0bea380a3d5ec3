export { createClient } from './client.js';
export * as rules from './rules-zod.js';

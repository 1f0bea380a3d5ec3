// A CommonJS consumer (compiled to require()): the types of the package's require entry.
import { validateActivity, ACTIVITY_TYPES, ActivityLogClient } from 'skimmer-activity-logs';
import web = require('skimmer-activity-logs/web');
import emulators = require('skimmer-activity-logs/emulator');
import type { ValidationIssue, Activity } from 'skimmer-activity-logs';

const issues: ValidationIssue[] = validateActivity(null).issues;
const types: readonly ['Call', 'Text', 'Email', 'Other'] = ACTIVITY_TYPES;
const client = new ActivityLogClient({ baseUrl: '/skimmer' });
const ready: Promise<void> = web.default();
const stored: Activity[] | null = emulators.createEmulator({ seedCustomers: false }).activities('c');
export = { issues, types, client, ready, stored };

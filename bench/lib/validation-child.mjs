// A Node process of its own for one validation measurement (lib/validation-run.js); prints the
// rows as JSON. Started by validation.mjs: node lib/validation-child.mjs '{"mode":…}'
import * as zod from '../alternatives/rules-zod.js';
import * as valibot from '../alternatives/rules-valibot.js';
import { runValidation } from './validation-run.js';

const args = JSON.parse(process.argv[2]);
const ours = await import(args.entry);
console.log(JSON.stringify(runValidation({ ours, zod, valibot, ...args })));

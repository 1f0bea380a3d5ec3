#!/usr/bin/env node
// Runs a command with an emulator on a free loopback port, its URL in EMULATOR_URL:
//   node tools/with-emulator.mjs [--emulator-arg ...]* -- command args...
// Used by the wasm-bindgen tests, which run in Chromium and cannot start processes themselves.
import { spawn } from 'node:child_process';
import { startEmulator } from '../tests/support/emulator.mjs';

const split = process.argv.indexOf('--');
if (split < 0 || split === process.argv.length - 1) {
  console.error('usage: with-emulator.mjs [emulator flags] -- command [args]');
  process.exit(2);
}
const emulator = await startEmulator(process.argv.slice(2, split));
const [command, ...args] = process.argv.slice(split + 1);
const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, EMULATOR_URL: emulator.url } });
const code = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
await emulator.stop();
process.exit(code);

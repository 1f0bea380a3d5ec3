// Node child processes for measurements that need a fresh process (a clean JIT, heap and RSS).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { benchDir } from './pkg.mjs';

/**
 * Runs `node [flags] bench/lib/<script> <JSON of args>` and resolves to the JSON it prints last.
 * Bounded: killed after `timeoutMs`.
 */
export function runChild(script, args, { flags = [], timeoutMs = 300_000 } = {}) {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...flags, path.join(benchDir, 'lib', script), JSON.stringify(args)],
      {
        timeout: timeoutMs,
        maxBuffer: 64 << 20,
      },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${script} ${JSON.stringify(args)} failed: ${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout.trim().split('\n').pop()));
      },
    );
  });
}

// `validateActivity` and `validateField`: the rules are the package's own, in Rust; the two
// functions are the shell's JS (src/wasm/validation.js), which crosses into wasm once per call.
// The wasm hands them over on first use (it is instantiated after this module is evaluated).
import { __validation } from './skimmer_activity_logs.js';

let functions = null;

/** The two functions, asked of the wasm once. */
function validators() {
  if (functions === null) functions = __validation();
  return functions;
}

export function validateActivity(input) {
  return validators().validateActivity(input);
}

export function validateField(field, value) {
  return validators().validateField(field, value);
}

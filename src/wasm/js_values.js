// Small readers of JS values for the Rust shell (src/wasm/js_values.rs), each asked without
// letting an exception unwind through Rust frames.

/** Whether `value` is an object and not an array (a revoked proxy is neither). */
export function isRecord(value) {
  if (value === null || typeof value !== 'object') return false;
  try {
    return !Array.isArray(value);
  } catch {
    return false;
  }
}

/**
 * The distinct unpaired UTF-16 surrogates of `value`, in order of appearance, or null when it is
 * not a string or has none. Asked before a string crosses into wasm, whose UTF-8 conversion
 * would replace each with U+FFFD. (In a `u` regex a surrogate pair is one code point, so
 * `[\uD800-\uDFFF]` matches only unpaired ones; `isWellFormed` is the fast answer where present.)
 */
export function unpairedSurrogates(value) {
  if (typeof value !== 'string' || (typeof value.isWellFormed === 'function' && value.isWellFormed())) return null;
  const lone = value.match(/[\uD800-\uDFFF]/gu);
  return lone && [...new Set(lone)];
}

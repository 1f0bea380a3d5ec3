#!/usr/bin/env bash
# cargo's runner for wasm32 tests (.cargo/config.toml): wasm-bindgen-test-runner, bounded in time,
# with one retry when a run times out.
#
# Why: the runner's own HTTP server (wasm-bindgen-cli 0.2.130) now and then never answers one of
# the requests a fresh Chromium makes at once for the page's JS modules; the page then stays at
# "Loading scripts...", ChromeDriver waits 300 s for the renderer and the run fails with "Failed to
# detect test as having been run". Measured here with `wasm_validation`: with five modules on the
# page, about one run in four stalled, each time with one module requested and never answered;
# with four (the shell's three JS files since, and the test's own), none in twelve. This bounds a
# stall to a retry instead of five minutes and a red run; a hang of our own code times out twice
# and still fails.
set -u
limit=${WASM_TEST_RUN_SECONDS:-150}
for attempt in 1 2; do
  timeout --kill-after=10 "$limit" wasm-bindgen-test-runner "$@"
  status=$?
  if [ "$status" -ne 124 ] && [ "$status" -ne 137 ]; then exit "$status"; fi
  echo "wasm-test-runner: no result within ${limit} s (attempt $attempt of 2): the test server stalled; see tools/wasm-test-runner.sh" >&2
done
exit 1

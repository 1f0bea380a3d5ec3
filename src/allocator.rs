//! The wasm build's global allocator: talc instead of Rust's default dlmalloc.
//!
//! The package's wasm is single-threaded (no `atomics` target feature), which is what talc's
//! safe `new_wasm_dynamic_allocator` requires: no lock, and no `unsafe` here. It grows linear
//! memory as needed and reuses what is freed, coalescing neighbouring free chunks (a wasm memory
//! never shrinks, with either allocator). It is about 2.7 KB (gzip) smaller than dlmalloc and
//! validates within a few percent of its speed; unlike the smallest allocators (lol_alloc's
//! free list) it stays fast on a fragmented heap (bench/README.md, "Size steps"). The feature
//! `disable-realloc-in-place` drops the in-place grow/shrink paths: a reallocation moves.
//! Native builds (the core's tests, the emulator) keep the system allocator.

#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

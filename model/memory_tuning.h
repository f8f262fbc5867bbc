#pragma once

// Traces are large (T × S per head, T × d per head contribution) and recomputed on every edit. By default glibc
// returns every block over 128 KiB to the system when it is freed, so each recomputation page-faults all of
// its memory in again; on a virtual machine that was 3/4 of a transformer block's time. Keeping freed memory
// in the heap for reuse made one block 4× and the toy model 5× faster (README "Performance").

namespace attnlab::model {

// Call once at start-up, before any large allocation. No effect where the C library is not glibc.
void keepFreedMemoryForReuse();

} // namespace attnlab::model

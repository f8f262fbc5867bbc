#pragma once

// Traces are large (T × S per head, T × d per head contribution) and recomputed on every edit. By default glibc
// returns every block over 128 KiB to the system when it is freed, so each recomputation page-faults all of
// its memory in again; on a virtual machine that was 3/4 of a transformer block's time. Keeping freed memory
// in the heap for reuse made one block 4× and the toy model 5× faster (README "Performance").
//
// A checkpoint's first trace is hundreds of megabytes of fresh memory, faulted in 4 KiB at a time: 200,000 page
// faults for GPT-2 small at 256 tokens, half of the forward pass's time. Backing the heap with 2 MiB pages
// (transparent huge pages, which Linux grants to memory that asks for them) cut the faults tenfold and the
// forward pass to less than half (README "Real checkpoints").

#include <cstdint>

namespace attnlab::model {

// Call once at start-up, before any large allocation and before other threads start. Every block then comes
// from the one heap, which is never trimmed. No effect where the C library is not glibc.
void keepFreedMemoryForReuse();

// Grows the heap so that `bytes` more fit without new pages, and asks for huge pages there. Call before
// computing a trace of about that size (estimatedTraceBytes). Does nothing when the memory is not available
// (more than the machine has, or malloc() refuses; the computation then runs as before) or where the C
// library is not glibc.
void prepareHeap(std::int64_t bytes);

} // namespace attnlab::model

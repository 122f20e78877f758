//! heap: how the C allocator under the process grows each thread's heap.
//!
//! Takes nothing; changes a process-wide allocator setting, once, before the
//! worker threads start. With glibc, a worker thread's heap is made writable
//! a few pages at a time as it grows: checking the Reuters archive made
//! 9,000 to 13,000 `mprotect` calls (`strace`, three runs), each taking the
//! process's address-space lock for writing. Padding
//! each heap's growth to 32 MiB of address space (not of memory: a page
//! costs memory only once it is written) leaves 250 to 280. Measured with
//! GLIBC_TUNABLES, which sets the same value: the archive check's peak
//! memory was unchanged and the 10M-row check's fell (1,896 -> 1,857 MB),
//! with half the system time. A pad of 64 MiB raised the archive check's
//! peak memory by 16 MB. Other C libraries are left as they are.

/// The pad, in bytes.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const PAD: libc::c_int = 32 << 20;

/// Pad the growth of the allocator's heaps (glibc's `M_TOP_PAD`). Call
/// before any worker thread starts.
pub fn pad_heap_growth() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only records a setting; it reads and writes no
    // memory of ours, and any non-negative value is valid for `M_TOP_PAD`.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, PAD);
    }
}

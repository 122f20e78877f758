//! heap: the allocator the `claimcheck` and `bench` programs run on, and
//! its one setting.
//!
//! Takes nothing; gives the allocator type the two programs declare as
//! their global allocator ([`Allocator`], mimalloc) and [`tune`], which sets
//! it up once, before any worker thread starts. The library does not choose
//! an allocator for the programs that link it (the Python package, a user's
//! own binary).
//!
//! Why mimalloc: checking the Reuters archive allocates about 2.5 million
//! blocks (callgrind), and glibc's malloc and free were about 7.5 % of its
//! instructions. With mimalloc the archive check takes 0.87x the wall time
//! of glibc's (11 paired runs, both built with LTO; BENCHMARKS.md, "Session
//! 16"), and the 10M-row check about the same (1.01x, 3 pairs), since a
//! table's lists are made at their size (mimalloc copies a growing block
//! where glibc remaps its pages; see `resolve::table`).
//!
//! Why the setting: mimalloc keeps the memory of a freed arena block for a
//! while (100 ms by default) before it gives it back, so a load that grows
//! large lists held their old copies too: the 10M-row check peaked at
//! 2,080 MiB, over its 2 GB bound. [`tune`] gives that memory back at once
//! (1,908 MiB, against glibc's 1,874); small pages keep mimalloc's delay.

/// The global allocator of the `claimcheck` and `bench` programs.
pub type Allocator = mimalloc::MiMalloc;

/// mimalloc's `mi_option_arena_purge_mult` (v2): how many times its purge
/// delay a freed arena block waits before its memory goes back to the
/// system; 0 is at once. (The `libmimalloc-sys` crate names no constant for
/// it; a test reads the option through its environment variable to show
/// that this number is that option.)
const ARENA_PURGE_MULT: libmimalloc_sys::mi_option_t = 24;

/// Set the allocator up: memory of freed large blocks goes back to the
/// system at once (see the module's doc). Call before any worker thread
/// starts.
pub fn tune() {
    // SAFETY: `mi_option_set` records a setting in mimalloc's option table;
    // ARENA_PURGE_MULT is below `_mi_option_last`, and 0 is a valid value
    // for the multiplier.
    unsafe {
        libmimalloc_sys::mi_option_set(ARENA_PURGE_MULT, 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The option's environment variable, read when mimalloc starts.
    const VARIABLE: &str = "MIMALLOC_ARENA_PURGE_MULT";

    fn option() -> std::os::raw::c_long {
        // SAFETY: reads mimalloc's option table; the index is in range.
        unsafe { libmimalloc_sys::mi_option_get(ARENA_PURGE_MULT) }
    }

    /// Run in a process of its own by the test below, with the variable
    /// set: the option numbered ARENA_PURGE_MULT is the one it names.
    #[test]
    #[ignore = "run by the_tuned_option_is_the_arena_purge_multiplier"]
    fn child_reads_the_variable() {
        assert_eq!(std::env::var(VARIABLE).as_deref(), Ok("7"));
        assert_eq!(option(), 7);
    }

    #[test]
    fn the_tuned_option_is_the_arena_purge_multiplier() {
        let exe = std::env::current_exe().unwrap();
        let out = std::process::Command::new(exe)
            .args([
                "--exact",
                "util::heap::tests::child_reads_the_variable",
                "--ignored",
                "--test-threads=1",
            ])
            .env(VARIABLE, "7")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && text.contains("1 passed"),
            "the child test failed or did not run:\n{text}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        tune();
        assert_eq!(option(), 0);
    }
}

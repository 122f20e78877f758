//! heap: the allocator the `claimcheck` and `bench` programs run on, and
//! its settings.
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
//! Why the settings: mimalloc keeps the memory of a freed arena block for a
//! while (100 ms by default) before it gives it back, so a load that grows
//! large lists held their old copies too: the 10M-row check peaked at
//! 2,080 MiB, over its 2 GB bound. [`tune`] gives that memory back at once
//! (1,908 MiB; small pages keep mimalloc's delay), and has an arena's
//! memory committed as it is used rather than when it is reserved (1,899
//! MiB, against glibc's 1,874; the archive check's time and peak unchanged,
//! 15 pairs).

/// The global allocator of the `claimcheck` and `bench` programs.
pub type Allocator = mimalloc::MiMalloc;

/// mimalloc's options this module sets (v2 numbering, which the
/// `libmimalloc-sys` crate gives no names for; a test reads each through
/// its environment variable to show the number is that option): the number,
/// the variable, and the value set.
const SETTINGS: [(libmimalloc_sys::mi_option_t, &str, std::os::raw::c_long); 2] = [
    // `arena_purge_mult`: how many times its purge delay a freed arena
    // block waits before its memory goes back to the system; 0 is at once.
    (24, "MIMALLOC_ARENA_PURGE_MULT", 0),
    // `arena_eager_commit`: whether an arena's memory is committed when it
    // is reserved (2, the default: where the system overcommits, as Linux
    // does); 0 commits it as it is used.
    (4, "MIMALLOC_ARENA_EAGER_COMMIT", 0),
];

/// Set the allocator up (see the module's doc). Call before any worker
/// thread starts.
pub fn tune() {
    for (option, _, value) in SETTINGS {
        // SAFETY: `mi_option_set` records a setting in mimalloc's option
        // table; every option here is below `_mi_option_last`, and 0 is a
        // valid value for each.
        unsafe {
            libmimalloc_sys::mi_option_set(option, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn option(number: libmimalloc_sys::mi_option_t) -> std::os::raw::c_long {
        // SAFETY: reads mimalloc's option table; the numbers are in range.
        unsafe { libmimalloc_sys::mi_option_get(number) }
    }

    /// Run in a process of its own by the test below, with each setting's
    /// variable set to 7: the option numbered as the setting says is the
    /// one its variable names.
    #[test]
    #[ignore = "run by the_tuned_options_are_the_ones_named"]
    fn child_reads_the_variables() {
        for (number, variable, _) in SETTINGS {
            assert_eq!(std::env::var(variable).as_deref(), Ok("7"));
            assert_eq!(option(number), 7, "{variable}");
        }
    }

    #[test]
    fn the_tuned_options_are_the_ones_named() {
        let exe = std::env::current_exe().unwrap();
        let mut child = std::process::Command::new(exe);
        child.args([
            "--exact",
            "util::heap::tests::child_reads_the_variables",
            "--ignored",
            "--test-threads=1",
        ]);
        for (_, variable, _) in SETTINGS {
            child.env(variable, "7");
        }
        let out = child.output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && text.contains("1 passed"),
            "the child test failed or did not run:\n{text}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        tune();
        for (number, variable, value) in SETTINGS {
            assert_eq!(option(number), value, "{variable}");
        }
    }
}

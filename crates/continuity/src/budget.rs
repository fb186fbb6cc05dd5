//! The memory budget of the BDD and ZBDD managers.
//!
//! Diagrams can grow exponentially with a tree's size; without a budget a
//! large model grows until the operating system kills the process. The
//! managers count the bytes of their node vectors, hash tables and memos
//! and refuse an allocation that would pass the budget *before* making it,
//! so the analysis stops with [`crate::Error::MemoryLimit`] instead.

/// Fraction of the machine's memory allowed by default.
const DEFAULT_FRACTION: u64 = 2;

/// The default budget in bytes: half the physical memory (`MemTotal` in
/// `/proc/meminfo`), and at most half the process's address-space limit
/// (`ulimit -v`, `prlimit --as`, read from `/proc/self/limits`) — the tables
/// double when they grow, so the old and the new copy must fit together.
/// 4 GiB when neither can be read (non-Linux systems).
pub fn default_memory_limit() -> u64 {
    let total = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| meminfo_total(&s));
    let address_space = std::fs::read_to_string("/proc/self/limits")
        .ok()
        .and_then(|s| address_space_limit(&s));
    let candidates = [total, address_space]
        .into_iter()
        .flatten()
        .map(|b| b / DEFAULT_FRACTION);
    candidates.min().unwrap_or(4 << 30)
}

/// `MemTotal` of `/proc/meminfo`, in bytes.
fn meminfo_total(text: &str) -> Option<u64> {
    let line = text.lines().find(|l| l.starts_with("MemTotal:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// The soft "Max address space" of `/proc/self/limits`, in bytes; `None`
/// when unlimited.
fn address_space_limit(text: &str) -> Option<u64> {
    let line = text.lines().find(|l| l.starts_with("Max address space"))?;
    let soft = line
        .trim_start_matches("Max address space")
        .split_whitespace()
        .next()?;
    soft.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_proc_formats() {
        assert_eq!(
            meminfo_total("MemTotal:       24576000 kB\nMemFree: 1 kB\n"),
            Some(24576000 * 1024)
        );
        let limits = "Limit                     Soft Limit           Hard Limit           Units\n\
                      Max address space         4294967296           4294967296           bytes\n";
        assert_eq!(address_space_limit(limits), Some(4294967296));
        let unlimited =
            "Max address space         unlimited            unlimited            bytes\n";
        assert_eq!(address_space_limit(unlimited), None);
        assert!(default_memory_limit() > 0);
    }
}

//! Network supply: which components have no network because the only
//! switch (or other network device) that `supplies` them is off, and which
//! attacker moves that takes away (docs/semantics.md, "Running and
//! available").
//!
//! `supplies` covers both a network link and power; the kind of the
//! *supplier* tells them apart, from the data file
//! `network_suppliers.tsv` (catalog kinds, one per line).

use cordon_model::{ComponentId, InteractionKind, Model};
use cordon_services::dependencies;

const TABLE: &str = include_str!("network_suppliers.tsv");

/// The catalog kinds whose `supplies` is a network supply.
pub fn network_supplier_kinds() -> Vec<&'static str> {
    TABLE
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// Whether `c` supplies network (not power) to what it `supplies`.
pub fn supplies_network(model: &Model, c: ComponentId) -> bool {
    let kind = model.component(c).kind.id;
    TABLE
        .lines()
        .map(str::trim)
        .any(|l| !l.starts_with('#') && l == kind)
}

/// Which components have no network, as a "network island" per component
/// (indexed by component; `None`: on the network). A component has no
/// network when
///
/// - one of its `supplies` dependencies whose providers are all network
///   suppliers has no running provider over an uncut link (its own island:
///   itself), or
/// - it has no network supply of its own and every running host it runs on
///   (`hosts`, uncut) has no network: it shares the host's island (the
///   lowest-numbered, when several hosts qualify).
///
/// `stopped` are the components not running, `cut` the cut interactions.
/// Hosts chains are followed by repeated passes (at most one per component,
/// each linear in interactions; in practice two or three) — no recursion.
pub fn islands(model: &Model, stopped: &[bool], cut: &[bool]) -> Vec<Option<u32>> {
    let n = model.components.len();
    let is_cut = |i: usize| cut.get(i).copied().unwrap_or(false);
    let deps = dependencies(model);
    let mut island: Vec<Option<u32>> = vec![None; n];
    let mut own_supply = vec![false; n];
    for (c, list) in deps.iter().enumerate() {
        for d in list {
            if d.kind != InteractionKind::Supplies
                || d.interactions.is_empty()
                || !d
                    .interactions
                    .iter()
                    .all(|&i| supplies_network(model, model.interactions[i].from))
            {
                continue;
            }
            own_supply[c] = true;
            let live = d
                .interactions
                .iter()
                .any(|&i| !is_cut(i) && !stopped[model.interactions[i].from.index()]);
            if !live {
                island[c] = Some(c as u32);
            }
        }
    }
    // Guests inherit their hosts' island (nothing to do when every
    // component is on the network: the common case).
    if island.iter().all(Option::is_none) {
        return island;
    }
    for _ in 0..n {
        let mut changed = false;
        for c in 0..n {
            if own_supply[c] || stopped[c] {
                continue;
            }
            let mut any = false;
            let mut all_netless = true;
            let mut best: Option<u32> = None;
            for d in deps[c].iter().filter(|d| d.kind == InteractionKind::Hosts) {
                for &i in &d.interactions {
                    let h = model.interactions[i].from.index();
                    if is_cut(i) || stopped[h] {
                        continue;
                    }
                    any = true;
                    match island[h] {
                        Some(r) => best = Some(best.map_or(r, |b| b.min(r))),
                        None => all_netless = false,
                    }
                }
            }
            let new = if any && all_netless { best } else { None };
            if new != island[c] {
                island[c] = new;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    island
}

/// The interactions the attacker cannot use because one end has no
/// network: they join two different islands (or an island and the
/// network). `hosts` (the hypervisor and its guest share the machine),
/// `supplies` (gives nothing) and `stores` (storage often has its own
/// fabric; the conservative choice) are kept.
pub fn unreachable_interactions(model: &Model, island: &[Option<u32>]) -> Vec<usize> {
    model
        .interactions
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            let (a, b) = (island[e.from.index()], island[e.to.index()]);
            (a.is_some() || b.is_some())
                && a != b
                && !matches!(
                    e.kind,
                    InteractionKind::Hosts | InteractionKind::Supplies | InteractionKind::Stores
                )
        })
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_network_supplier_kind_is_in_the_catalog() {
        let kinds = super::network_supplier_kinds();
        assert!(kinds.contains(&"network-switch"));
        for k in kinds {
            assert!(cordon_model::catalog::kind(k).is_some(), "{k}");
        }
    }
}

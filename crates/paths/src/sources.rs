//! Which of several sources an answer starts from.

use cordon_model::{ComponentId, Model};

/// Whether a component is privileged as a source: a crown jewel or Tier
/// Zero (tag `tier-zero`, set by the AD importers as BloodHound marks Tier
/// Zero).
pub fn is_privileged(model: &Model, c: ComponentId) -> bool {
    let c = model.component(c);
    c.crown_jewel || c.has_tag("tier-zero")
}

/// Leaves out of several `sources` the privileged ones ([`is_privileged`]),
/// unless every source is: an attacker holding one already holds what the
/// paths lead to, and its one-hop paths would win every target over the
/// others' (`cordon paths --from tag:ad-user` would show only
/// Administrator's). Keeps the order of the rest; returns what was left
/// out, in order. One source, or none, is kept as it is.
pub fn leave_out_privileged(model: &Model, sources: &mut Vec<ComponentId>) -> Vec<ComponentId> {
    if sources.len() < 2 || sources.iter().all(|&c| is_privileged(model, c)) {
        return Vec::new();
    }
    let mut left_out = Vec::new();
    sources.retain(|&c| {
        let keep = !is_privileged(model, c);
        if !keep {
            left_out.push(c);
        }
        keep
    });
    left_out
}

#[cfg(test)]
mod tests {
    use super::*;

    const M: &str = r#"
defaults: false
zones: [{ id: z }]
components:
  - { id: a, kind: server-os, zone: z }
  - { id: b, kind: server-os, zone: z, crown_jewel: true }
  - { id: c, kind: server-os, zone: z, tags: [tier-zero] }
  - { id: d, kind: server-os, zone: z }
"#;

    #[test]
    fn mixed_sources_lose_the_privileged_ones_only() {
        let m = Model::from_yaml(M, "m.yaml").unwrap();
        let id = |s: &str| m.component_id(s).unwrap();
        // Every subset of the four: the reference is the plain rule.
        let all = [id("a"), id("b"), id("c"), id("d")];
        for mask in 0u32..16 {
            let set: Vec<ComponentId> = (0..4)
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| all[i])
                .collect();
            let mut kept = set.clone();
            let out = leave_out_privileged(&m, &mut kept);
            let privileged: Vec<ComponentId> = set
                .iter()
                .copied()
                .filter(|&c| is_privileged(&m, c))
                .collect();
            if set.len() >= 2 && privileged.len() < set.len() {
                assert_eq!(out, privileged, "{mask}");
                assert_eq!(kept.len() + out.len(), set.len());
                assert!(kept.iter().all(|&c| !is_privileged(&m, c)));
            } else {
                assert!(out.is_empty());
                assert_eq!(kept, set);
            }
        }
    }
}

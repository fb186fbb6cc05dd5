//! Whether a component has a clean copy to be restored from.
//!
//! `restore: X` means "rebuilt from clean backups" (docs/containment.md).
//! The model says who backs X up: the `backs-up` interactions into X (the
//! catalog gives `backup-system backs-up tag:backed-up`, docs/model.md).
//! When X has backup systems and every one of them is encrypted, held by
//! the attacker or not running, the model holds no clean copy of X: the
//! restore (or a recovery step that rebuilds X) is stated with that gap
//! instead of silently succeeding.

use cordon_model::{ComponentId, InteractionKind, Model};

use crate::situation::Situation;

/// A component whose every backup system is lost, and how each is lost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupGap {
    /// The component to be restored.
    pub component: ComponentId,
    /// Its backup systems, each with the reason it holds no clean copy:
    /// "encrypted", "held by the attacker", "switched off", "not running".
    pub backups: Vec<(ComponentId, &'static str)>,
}

impl BackupGap {
    /// "ehr-db is backed up only by backup (encrypted): no clean copy of
    /// ehr-db in the model — restore backup first from an offline or
    /// immutable copy, or rebuild ehr-db from scratch", with readable names.
    pub fn describe(&self, model: &Model) -> String {
        let names = crate::report::Names::new(model);
        let id = names.name(self.component);
        let list: Vec<String> = self
            .backups
            .iter()
            .map(|(b, why)| format!("{} ({why})", names.name(*b)))
            .collect();
        let systems: Vec<String> = self.backups.iter().map(|(b, _)| names.name(*b)).collect();
        format!(
            "{id} is backed up only by {}: no clean copy of {id} in the model — restore {} first (from an offline or immutable copy), or rebuild {id} from scratch",
            list.join(", "),
            systems.join(" or "),
        )
    }
}

/// The components of `set` that have at least one backup system
/// (`backs-up` into them from another component) and none that holds a
/// clean copy in `situation`: each backup system is encrypted, held by the
/// attacker, switched off, or not running (its host is down). One pass
/// over the interactions.
pub fn no_clean_backup(
    model: &Model,
    situation: &Situation,
    set: &[ComponentId],
) -> Vec<BackupGap> {
    let mut wanted = vec![false; model.components.len()];
    for c in set {
        wanted[c.index()] = true;
    }
    let mut systems: Vec<Vec<ComponentId>> = vec![Vec::new(); model.components.len()];
    for e in &model.interactions {
        if e.kind == InteractionKind::BacksUp && e.from != e.to && wanted[e.to.index()] {
            systems[e.to.index()].push(e.from);
        }
    }
    if systems.iter().all(Vec::is_empty) {
        return Vec::new();
    }
    let cut = situation.cut_mask(model);
    let running = crate::situation::not_running(model, &situation.down, &cut);
    let lost = |b: ComponentId| -> Option<&'static str> {
        let i = b.index();
        if situation.encrypted.get(i).copied().unwrap_or(false) {
            Some("encrypted")
        } else if situation.compromised.get(i).copied().unwrap_or(false) {
            Some("held by the attacker")
        } else if situation.down.get(i).copied().unwrap_or(false) {
            Some("switched off")
        } else if running.is_unavailable(b) {
            Some("not running")
        } else {
            None
        }
    };
    let mut out = Vec::new();
    for &c in set {
        let list = &systems[c.index()];
        if list.is_empty() {
            continue;
        }
        let backups: Option<Vec<(ComponentId, &'static str)>> =
            list.iter().map(|&b| lost(b).map(|w| (b, w))).collect();
        if let Some(backups) = backups {
            out.push(BackupGap {
                component: c,
                backups,
            });
        }
    }
    out
}

//! Best access from a set of held components, with shortest witness paths.

use std::collections::VecDeque;

use cordon_model::{AccessLevel, ComponentId, Model};

use crate::graph::{AttackGraph, State};

const UNSEEN: u32 = u32::MAX;

/// One hop of an attack path: holding `held` on `from`, the interaction
/// gives `gained` on `to` (through a weakness of `to`, if `weakness` is set).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hop {
    /// Source of the interaction.
    pub from: ComponentId,
    /// Target.
    pub to: ComponentId,
    /// Index into `model.interactions`.
    pub interaction: usize,
    /// Access held on `from`.
    pub held: AccessLevel,
    /// Access gained on `to`.
    pub gained: AccessLevel,
    /// Index into `to`'s weaknesses, when one raised the access.
    pub weakness: Option<u16>,
}

impl Hop {
    /// How the hop reads between the two names: the BloodHound edge kind's
    /// own phrase when the interaction's `protocol` names one (`MemberOf` →
    /// "is a member of", `AdminTo` → "is local administrator of"; the first
    /// kind when several edges join the pair), from
    /// `data/edge_phrases.tsv`; else the interaction verb ("connects to",
    /// "stores credentials for").
    pub fn reads_as(&self, model: &Model) -> &'static str {
        let i = &model.interactions[self.interaction];
        model
            .rule(i.rule)
            .protocol
            .as_deref()
            .and_then(|p| {
                crate::reading::protocol_kinds(p).next().or_else(|| {
                    // An OpenGraph extension's namespaced kind (`GH_MemberOf`)
                    // reads as the BloodHound kind it names, when it names one.
                    let (_, bare) = p.trim().split_once('_')?;
                    crate::reading::edge_kind(bare)
                })
            })
            .map_or(i.kind.verb(), |k| k.phrase)
    }

    /// Where the hop comes from, in words: a declared interaction's notes
    /// (for an imported one, the ACE or post-processing rule, the collector
    /// file and record); for stored credentials, the notes of the
    /// `stored-credentials` weakness that implies the hop (an imported
    /// session: "HasSession (Sessions) from …computers.json record 0"); for a
    /// catalog default, "default of KIND". `None` when nothing is written.
    pub fn origin_note(&self, model: &Model) -> Option<String> {
        let i = &model.interactions[self.interaction];
        let rule = model.rule(i.rule);
        let note = match &rule.origin {
            cordon_model::RuleOrigin::CatalogDefault { kind, .. } => {
                return Some(format!("default of {kind}"));
            }
            cordon_model::RuleOrigin::Declared(_) => rule.notes.as_deref(),
            cordon_model::RuleOrigin::StoredCredentials(_) => model
                .component(self.to)
                .weaknesses
                .iter()
                .find(|w| {
                    w.kind == cordon_model::WeaknessKind::StoredCredentials
                        && w.on.as_ref() == Some(&rule.from)
                })
                .and_then(|w| w.notes.as_deref()),
            _ => None,
        };
        note.map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string)
    }

    /// One line of explanation: "vpn connects to citrix (rdp) → reach, then
    /// exploitable-vulnerability CVE-2023-4966 → control"; for an imported
    /// AD edge "ALICE@CORP.LOCAL is a member of DOMAIN USERS@CORP.LOCAL
    /// (MemberOf) → control — MemberOf (PrimaryGroupSID) from …users.json
    /// record 0". Names are [`crate::reading::display_name`]s (the JSON
    /// `explanation`); text output uses [`Hop::explain_named`].
    pub fn explain(&self, model: &Model) -> String {
        self.explain_with(
            model,
            &crate::reading::display_name(model, self.from),
            &crate::reading::display_name(model, self.to),
        )
    }

    /// [`Hop::explain`] with the components named by
    /// [`crate::reading::Names::name`] (a shared name told apart:
    /// "HOSPITAL.LOCAL contains DOMAIN CONTROLLERS@HOSPITAL.LOCAL (OU)").
    pub fn explain_named(&self, names: &crate::reading::Names) -> String {
        self.explain_with(names.model(), &names.name(self.from), &names.name(self.to))
    }

    fn explain_with(&self, model: &Model, from: &str, to_name: &str) -> String {
        let i = &model.interactions[self.interaction];
        let rule = model.rule(i.rule);
        let to = model.component(self.to);
        let mut s = format!("{from} {} {to_name}", self.reads_as(model));
        if let Some(p) = &rule.protocol {
            s.push_str(&format!(" ({p})"));
        }
        match self.weakness {
            Some(w) => {
                let base = {
                    let g = i.kind.grants(self.held);
                    if i.mfa { g.min(AccessLevel::Reach) } else { g }
                };
                s.push_str(&format!(
                    " → {base}, then {} → {}",
                    to.weaknesses[w as usize].label(),
                    self.gained
                ));
            }
            None => s.push_str(&format!(" → {}", self.gained)),
        }
        if i.mfa {
            s.push_str(" [mfa]");
        }
        match (&rule.origin, self.origin_note(model)) {
            (cordon_model::RuleOrigin::CatalogDefault { kind, .. }, _) => {
                s.push_str(&format!(" [default of {kind}]"));
            }
            (_, Some(n)) => s.push_str(&format!(" — {n}")),
            _ => {}
        }
        s
    }
}

/// An attack path from a held component to a target, hop by hop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttackPath {
    /// Where the attacker starts (held at `control`).
    pub source: ComponentId,
    /// Where the path ends.
    pub target: ComponentId,
    /// Access obtained on the target.
    pub level: AccessLevel,
    /// The hops, in order. Empty when the target is a source.
    pub hops: Vec<Hop>,
}

impl AttackPath {
    /// The components along the path, source first.
    pub fn components(&self) -> Vec<ComponentId> {
        let mut v = vec![self.source];
        v.extend(self.hops.iter().map(|h| h.to));
        v
    }

    /// Rebuilds a path from a state sequence and the interactions between.
    pub(crate) fn from_states(
        graph: &AttackGraph<'_>,
        states: &[State],
        edges: &[usize],
    ) -> AttackPath {
        let hops = edges
            .iter()
            .zip(states.windows(2))
            .map(|(&e, w)| {
                let (gained, weakness) = graph.step(w[0].level(), e);
                debug_assert_eq!(gained, w[1].level());
                Hop {
                    from: w[0].component(),
                    to: w[1].component(),
                    interaction: e,
                    held: w[0].level(),
                    gained,
                    weakness,
                }
            })
            .collect();
        let last = *states.last().expect("a path has a state");
        AttackPath {
            source: states[0].component(),
            target: last.component(),
            level: last.level(),
            hops,
        }
    }
}

/// Best access on every component from a set of held components, with a
/// shortest witness path to each.
pub struct AccessMap {
    sources: Vec<ComponentId>,
    dist: Vec<u32>,
    parent: Vec<(u32, u32)>,
    best: Vec<AccessLevel>,
}

impl AttackGraph<'_> {
    /// Breadth-first search of the product graph from `sources` held at
    /// `control`. O(4·(components + interactions)).
    pub fn access_from(&self, sources: &[ComponentId]) -> AccessMap {
        let n = self.len();
        let mut dist = vec![UNSEEN; n * 4];
        let mut parent = vec![(UNSEEN, UNSEEN); n * 4];
        let mut best = vec![AccessLevel::None; n];
        let mut queue = VecDeque::new();
        for &s in sources {
            let st = State::new(s, AccessLevel::Control);
            if dist[st.0 as usize] == UNSEEN {
                dist[st.0 as usize] = 0;
                best[s.index()] = AccessLevel::Control;
                queue.push_back(st);
            }
        }
        while let Some(s) = queue.pop_front() {
            let d = dist[s.0 as usize];
            for (t, e) in self.successors(s) {
                let ti = t.0 as usize;
                if dist[ti] == UNSEEN {
                    dist[ti] = d + 1;
                    parent[ti] = (s.0, e as u32);
                    let c = t.component().index();
                    if t.level() > best[c] {
                        best[c] = t.level();
                    }
                    queue.push_back(t);
                }
            }
        }
        AccessMap {
            sources: sources.to_vec(),
            dist,
            parent,
            best,
        }
    }
}

impl AccessMap {
    /// The components held at the start.
    pub fn sources(&self) -> &[ComponentId] {
        &self.sources
    }

    /// Best access on a component.
    pub fn level(&self, c: ComponentId) -> AccessLevel {
        self.best[c.index()]
    }

    /// Best access on every component, by index.
    pub fn levels(&self) -> &[AccessLevel] {
        &self.best
    }

    /// Hops of the shortest path reaching `c` at its best level.
    pub fn hops_to(&self, c: ComponentId) -> Option<u32> {
        let l = self.level(c);
        (l > AccessLevel::None).then(|| self.dist[State::new(c, l).0 as usize])
    }

    /// Components reached at `level` exactly (as their best level), sources excluded.
    pub fn at_level(&self, level: AccessLevel) -> Vec<ComponentId> {
        (0..self.best.len() as u32)
            .map(ComponentId)
            .filter(|c| self.best[c.index()] == level && !self.sources.contains(c))
            .collect()
    }

    /// Number of components per best level, sources excluded; index by
    /// [`AccessLevel::index`].
    pub fn counts(&self) -> [usize; 5] {
        let mut counts = [0usize; 5];
        for l in &self.best {
            counts[l.index()] += 1;
        }
        for s in &self.sources {
            counts[self.best[s.index()].index()] -= 1;
        }
        counts
    }

    /// The shortest path reaching `c` at its best level.
    pub fn path(&self, graph: &AttackGraph<'_>, c: ComponentId) -> Option<AttackPath> {
        let l = self.level(c);
        if l == AccessLevel::None {
            return None;
        }
        self.path_to_state(graph, State::new(c, l))
    }

    /// The shortest path reaching `c` at `level` exactly, if one exists.
    pub fn path_at(
        &self,
        graph: &AttackGraph<'_>,
        c: ComponentId,
        level: AccessLevel,
    ) -> Option<AttackPath> {
        self.path_to_state(graph, State::new(c, level))
    }

    fn path_to_state(&self, graph: &AttackGraph<'_>, target: State) -> Option<AttackPath> {
        if self.dist[target.0 as usize] == UNSEEN {
            return None;
        }
        let mut states = vec![target];
        let mut edges = Vec::new();
        let mut cur = target.0 as usize;
        while self.dist[cur] > 0 {
            let (p, e) = self.parent[cur];
            states.push(State(p));
            edges.push(e as usize);
            cur = p as usize;
        }
        states.reverse();
        edges.reverse();
        Some(AttackPath::from_states(graph, &states, &edges))
    }
}

//! The path tree: every operation path placed in one URL tree, with the entity type addressed at
//! each node where the model knows it.

use super::paths::with_lower_case;
use super::type_refs::TypeIndex;
use super::words::singular;
use crate::model::{
    qualified_key, Operation, PathNode, PathTemplate, Primitive, Segment, StructType, TypeRef,
    TypeUse,
};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Follows path segments through types: entity sets, navigation properties, keys and casts.
pub(crate) struct Walker<'a> {
    index: &'a TypeIndex,
    /// Each type by key: its declared members and its base.
    types: HashMap<&'a str, Members<'a>>,
}

/// The declared members of a type by lower-cased name (navigation first, then properties), and
/// the key of its base.
struct Members<'a> {
    by_name: HashMap<String, &'a TypeUse>,
    base: Option<&'a str>,
}

/// A type a walk reaches, borrowed from the model where it can be: walks are many, and most of
/// their steps are only looked at.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Walked<'a> {
    ty: WalkedType<'a>,
    pub collection: bool,
}

#[derive(Debug, Clone, PartialEq)]
enum WalkedType<'a> {
    /// A defined type, by key.
    Named(Cow<'a, str>),
    /// A member's type that names no defined type.
    Declared(&'a TypeRef),
    Primitive(Primitive),
}

impl<'a> Walked<'a> {
    fn named(key: impl Into<Cow<'a, str>>, collection: bool) -> Self {
        Walked {
            ty: WalkedType::Named(key.into()),
            collection,
        }
    }

    fn declared(ty: &'a TypeUse) -> Self {
        match &ty.ty {
            TypeRef::Named(key) => Walked::named(key.as_str(), ty.collection),
            other => Walked {
                ty: WalkedType::Declared(other),
                collection: ty.collection,
            },
        }
    }

    fn primitive(p: Primitive) -> Self {
        Walked {
            ty: WalkedType::Primitive(p),
            collection: false,
        }
    }

    /// One item of a collection (the same for a single value).
    fn single(&self) -> Self {
        Walked {
            ty: self.ty.clone(),
            collection: false,
        }
    }

    /// The key of the defined type, if it is one.
    pub fn key(&self) -> Option<&str> {
        match &self.ty {
            WalkedType::Named(key) => Some(key),
            _ => None,
        }
    }

    /// The type use, as the model writes it.
    pub fn to_use(&self) -> TypeUse {
        let ty = match &self.ty {
            WalkedType::Named(key) => TypeRef::Named(key.to_string()),
            WalkedType::Declared(ty) => (*ty).clone(),
            WalkedType::Primitive(p) => TypeRef::Primitive(*p),
        };
        TypeUse {
            ty,
            collection: self.collection,
        }
    }
}

impl<'a> Walker<'a> {
    pub fn new(types: &'a BTreeMap<String, StructType>, index: &'a TypeIndex) -> Self {
        let types = types
            .par_iter()
            .map(|(key, ty)| {
                let mut by_name: HashMap<String, &TypeUse> = HashMap::default();
                let navs = ty.navigation.iter().map(|n| (&n.name, &n.target));
                for (name, target) in navs.chain(ty.properties.iter().map(|p| (&p.name, &p.ty))) {
                    by_name.entry(name.to_ascii_lowercase()).or_insert(target);
                }
                let base = ty.base.as_deref();
                (key.as_str(), Members { by_name, base })
            })
            .collect();
        Walker { index, types }
    }

    /// The type addressed after each segment (`None` where unknown).
    pub fn walk(&self, segments: &[Segment]) -> Vec<Option<Walked<'a>>> {
        let mut out: Vec<Option<Walked<'a>>> = Vec::with_capacity(segments.len());
        for (i, segment) in segments.iter().enumerate() {
            let previous = out.last().and_then(Option::as_ref);
            let next = match segment {
                Segment::Literal(name) if i == 0 => self.root(name),
                Segment::Literal(name) => previous.and_then(|p| self.step(p, name)),
                Segment::Key { .. } => previous.filter(|p| p.collection).map(Walked::single),
                Segment::ColonPath { .. } => previous.map(Walked::single),
                Segment::Cast(name) => self.cast(name, previous.is_some_and(|p| p.collection)),
                Segment::Call { .. } => None,
            };
            out.push(next);
        }
        out
    }

    /// The type of a root segment: `me`, an entity set (`users`) or a singleton (`drive`).
    fn root(&self, name: &str) -> Option<Walked<'a>> {
        if name.eq_ignore_ascii_case("me") {
            return self.named("user", false);
        }
        let one = singular(name);
        if !one.eq_ignore_ascii_case(name) {
            if let Some(found) = self.named(&one, true) {
                return Some(found);
            }
        }
        self.named(name, false)
            .or_else(|| self.named(&format!("{name}Root"), false))
    }

    fn named(&self, name: &str, collection: bool) -> Option<Walked<'a>> {
        let key = self.index.struct_key(&qualified_key(name))?;
        Some(Walked::named(key, collection))
    }

    fn cast(&self, name: &str, collection: bool) -> Option<Walked<'a>> {
        let key = self.index.lookup(name, crate::model::DEFAULT_NAMESPACE)?;
        Some(Walked::named(key, collection))
    }

    /// One literal step from a type: a property, a navigation property, or `$value`/`$count`/`$ref`.
    fn step(&self, from: &Walked<'a>, name: &str) -> Option<Walked<'a>> {
        if name.eq_ignore_ascii_case("$value") {
            return Some(Walked::primitive(Primitive::Stream));
        }
        if name.eq_ignore_ascii_case("$count") {
            return Some(Walked::primitive(Primitive::Int32));
        }
        if name.eq_ignore_ascii_case("$ref") {
            return Some(from.clone());
        }
        if from.collection {
            return None;
        }
        self.member(from.key()?, name).map(Walked::declared)
    }

    /// A structural or navigation property named `name` on `key` or one of its bases.
    pub fn member(&self, key: &str, name: &str) -> Option<&'a TypeUse> {
        with_lower_case(name, |lower| {
            let mut current = self.types.get(key);
            for _ in 0..=self.types.len() {
                let members = current?;
                if let Some(found) = members.by_name.get(lower) {
                    return Some(*found);
                }
                current = self.types.get(members.base?);
            }
            None
        })
    }
}

/// The child key of a segment: keys share one `{id}` child per position, literals and calls are
/// compared case-insensitively, calls are told apart by their argument names.
pub fn node_key(segment: &Segment) -> String {
    match segment {
        Segment::Literal(name) | Segment::Cast(name) => name.to_ascii_lowercase(),
        Segment::Key { .. } => "{id}".to_string(),
        Segment::ColonPath { .. } => ":{path}:".to_string(),
        Segment::Call { name, args, .. } => {
            let names: Vec<String> = args.iter().map(|a| a.name.to_ascii_lowercase()).collect();
            format!("{}({})", name.to_ascii_lowercase(), names.join(","))
        }
    }
}

/// One path to place: its operation and path index, segments, node keys and walked types.
struct Placed<'a, 'w> {
    slot: (usize, usize),
    segments: Cow<'a, [Segment]>,
    keys: Vec<String>,
    types: Vec<Option<Walked<'w>>>,
}

impl<'a, 'w> Placed<'a, 'w> {
    /// `/drive/...` (the signed-in user's drive) is placed under `/me/drive/...`, the same
    /// drive: one set of builders serves both spellings.
    fn new(slot: (usize, usize), path: &'a PathTemplate, walker: &Walker<'w>) -> Self {
        let (segments, types) = if path.starts_at_user_drive() {
            let me = Segment::Literal("me".into());
            let mut types = walker.walk(std::slice::from_ref(&me));
            types.extend(walker.walk(&path.segments));
            let mut segments = vec![me];
            segments.extend(path.segments.iter().cloned());
            (Cow::Owned(segments), types)
        } else {
            (
                Cow::Borrowed(&path.segments[..]),
                walker.walk(&path.segments),
            )
        };
        Placed {
            slot,
            keys: segments.iter().map(node_key).collect(),
            segments,
            types,
        }
    }
}

/// Places every path of every operation in the tree. `operations` must already be sorted, so the
/// first spelling of a shared segment is stable. Paths are walked in parallel, and so are the
/// subtrees under each first segment, each filled in operation order.
pub(crate) fn build<'w>(operations: &[Operation], walker: &Walker<'w>) -> PathNode {
    let slots: Vec<((usize, usize), &PathTemplate)> = operations
        .iter()
        .enumerate()
        .flat_map(|(op_index, op)| {
            op.paths
                .iter()
                .enumerate()
                .map(move |(path_index, path)| ((op_index, path_index), path))
        })
        .collect();
    let placed: Vec<Placed<'_, 'w>> = slots
        .par_iter()
        .map(|&(slot, path)| Placed::new(slot, path, walker))
        .collect();
    let mut root = PathNode::default();
    let mut by_first: BTreeMap<String, Vec<Placed<'_, 'w>>> = BTreeMap::new();
    for path in placed {
        match path.keys.first() {
            Some(first) => by_first.entry(first.clone()).or_default().push(path),
            None => root.operations.push(path.slot),
        }
    }
    let by_first: Vec<(String, Vec<Placed<'_, 'w>>)> = by_first.into_iter().collect();
    root.children = by_first
        .into_par_iter()
        .map(|(first, paths)| {
            let mut top = PathNode::default();
            for path in paths {
                place(&mut top, path);
            }
            let node = top.children.remove(&first).unwrap_or_default();
            (first, node)
        })
        .collect();
    root
}

/// Adds one path below `node`, creating the nodes it needs.
fn place(node: &mut PathNode, path: Placed<'_, '_>) {
    let mut node = node;
    let steps = path.segments.iter().zip(path.keys).zip(path.types);
    for ((segment, key), ty) in steps {
        node = node.children.entry(key).or_insert_with(|| PathNode {
            segment: Some(segment.clone()),
            ..PathNode::default()
        });
        if node.ty.is_none() {
            node.ty = ty.as_ref().map(Walked::to_use);
        }
    }
    node.operations.push(path.slot);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;
    use crate::resolve::fixtures::{resource, row};
    use crate::resolve::{paths::parse_template, types};

    fn setup() -> (BTreeMap<String, StructType>, TypeIndex) {
        let pages = [
            resource(
                "group",
                None,
                vec![row("id", "String", false)],
                vec![row("threads", "conversationThread", true)],
            ),
            resource(
                "conversationThread",
                None,
                vec![row("id", "String", false)],
                vec![],
            ),
            resource("user", None, vec![row("id", "String", false)], vec![]),
        ];
        let mut diags = Diagnostics::default();
        let drafts = types::collect(&pages, &mut diags);
        let index = types::index(&drafts);
        let (types, _) = types::finish(drafts, &index, &mut diags);
        (types, index)
    }

    fn named(key: &str, collection: bool) -> Option<TypeUse> {
        Some(TypeUse {
            ty: TypeRef::Named(key.into()),
            collection,
        })
    }

    #[test]
    fn walks_sets_keys_and_navigation() {
        let (types, index) = setup();
        let walker = Walker::new(&types, &index);
        let uses = |walked: Vec<Option<Walked<'_>>>| -> Vec<Option<TypeUse>> {
            walked
                .iter()
                .map(|w| w.as_ref().map(Walked::to_use))
                .collect()
        };
        let t = parse_template("/groups/{id}/threads/{id}/posts", &|_| false);
        let walked = uses(walker.walk(&t.segments));
        assert_eq!(walked[0], named("microsoft.graph.group", true));
        assert_eq!(walked[1], named("microsoft.graph.group", false));
        assert_eq!(walked[2], named("microsoft.graph.conversationthread", true));
        assert_eq!(
            walked[3],
            named("microsoft.graph.conversationthread", false)
        );
        assert_eq!(walked[4], None);
        let me = uses(walker.walk(&parse_template("/me", &|_| false).segments));
        assert_eq!(me[0], named("microsoft.graph.user", false));
    }

    #[test]
    fn the_user_drive_shares_the_me_drive_nodes() {
        let (types, index) = setup();
        let walker = Walker::new(&types, &index);
        let op = |raw: &[&str]| Operation {
            paths: raw.iter().map(|r| parse_template(r, &|_| false)).collect(),
            ..crate::resolve::operations::tests::blank_operation()
        };
        let ops = [op(&["/drive/items/{id}", "/me/drive/items/{item-id}"])];
        let tree = build(&ops, &walker);
        assert_eq!(tree.children.keys().collect::<Vec<_>>(), ["me"]);
        let me = &tree.children["me"];
        assert_eq!(me.ty, named("microsoft.graph.user", false));
        let item = &me.children["drive"].children["items"].children["{id}"];
        assert_eq!(item.operations, [(0, 0), (0, 1)]);
    }

    #[test]
    fn key_spellings_share_nodes() {
        let (types, index) = setup();
        let walker = Walker::new(&types, &index);
        let op = |raw: &[&str]| Operation {
            paths: raw.iter().map(|r| parse_template(r, &|_| false)).collect(),
            ..crate::resolve::operations::tests::blank_operation()
        };
        let ops = [
            op(&["/groups/{group-id}/threads"]),
            op(&["/groups/{id}/threads", "/GROUPS/{x}"]),
        ];
        let tree = build(&ops, &walker);
        let groups = &tree.children["groups"];
        assert_eq!(groups.children.len(), 1);
        let key = &groups.children["{id}"];
        assert_eq!(
            key.segment,
            Some(Segment::Key {
                param: "group-id".into()
            })
        );
        assert_eq!(key.operations, [(1, 1)]);
        assert_eq!(key.children["threads"].operations, [(0, 0), (1, 0)]);
        assert_eq!(key.ty, named("microsoft.graph.group", false));
    }

    #[test]
    fn calls_are_told_apart_by_argument_names() {
        let t = parse_template("/r/getX(period='{p}')", &|_| false);
        assert_eq!(node_key(&t.segments[1]), "getx(period)");
    }
}

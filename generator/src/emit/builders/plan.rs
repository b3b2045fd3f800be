//! The naming pass over the URL tree: which nodes get a builder, their struct names, accessor
//! and method names, and the features each needs. Everything is decided here, in one
//! deterministic walk, so emission is a plain mapping.

use super::BuilderContext;
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::emit::codes;
use crate::emit::names::{camel_name, snake_name, Case, Scope, RESERVED_TYPE_NAMES};
use crate::model::{HttpMethod, Operation, PathNode, RequestBody, Segment};
use std::collections::{BTreeMap, BTreeSet};
use syn::Ident;

/// One operation reachable at a node.
#[derive(Debug, Clone)]
pub struct OpPlan {
    /// Index into `Api::operations`.
    pub index: usize,
    /// Index into the operation's `paths`.
    pub path_index: usize,
    /// The method name on the builder.
    pub method: Ident,
    /// The body struct of an action with parameters.
    pub body: Option<Ident>,
}

/// One node of the URL tree that gets a builder (or, when collapsed, a method on its parent).
#[derive(Debug, Clone)]
pub struct NodePlan {
    pub segment: Option<Segment>,
    /// The path template up to this node, `{param}` style.
    pub template: String,
    /// The builder struct.
    pub ident: Ident,
    /// The method on the parent that leads here.
    pub accessor: Option<Ident>,
    pub children: Vec<usize>,
    pub operations: Vec<OpPlan>,
    /// Workloads of every operation in the subtree.
    pub features: BTreeSet<String>,
    /// A call leaf with one operation: emitted as a method on the parent, no struct.
    pub collapsed: bool,
}

/// A top-level segment: one file.
#[derive(Debug, Clone)]
pub struct TopLevel {
    pub node: usize,
    pub module: Ident,
    pub features: BTreeSet<String>,
}

/// The whole naming pass.
pub struct PathPlan {
    pub nodes: Vec<NodePlan>,
    /// Children of the root (the `Client` accessors).
    pub roots: Vec<usize>,
    /// Body structs of actions with parameters, by operation index (`crate::api::bodies`).
    pub bodies: BTreeMap<usize, Ident>,
    /// A drive's `root` node → its sibling `items/{id}` node: Graph addresses the root folder
    /// as `.../root` as well as `.../items/root`, so the root builder gets `as_item()`.
    pub root_items: BTreeMap<usize, usize>,
    /// The `/me/drive` node, which Graph also addresses as `/drive` (the signed-in user's
    /// drive): the `Client` gets a `drive()` accessor for it when no root is named `drive`.
    pub user_drive: Option<usize>,
    tops: Vec<TopLevel>,
}

impl PathPlan {
    /// Plans the builders for `ctx.api.paths`.
    pub fn new(ctx: &BuilderContext<'_>, diags: &mut Diagnostics) -> Self {
        let bodies = body_names(ctx);
        let mut planner = Planner {
            ctx,
            bodies: &bodies,
            nodes: Vec::new(),
            types: Scope::with_reserved(Case::UpperCamel, RESERVED_TYPE_NAMES),
            diags,
        };
        planner.types.reserve("Client");
        let mut roots = Vec::new();
        for child in ctx.api.paths.children.values() {
            if let Some(index) = planner.node(child, "", "") {
                roots.push(index);
            }
        }
        if !ctx.api.paths.operations.is_empty() {
            planner.diags.push(Diagnostic::new(
                codes::GEN001,
                Severity::Warning,
                "",
                0,
                "operations on the service root `/` get no builder method",
            ));
        }
        let mut nodes = planner.nodes;
        let mut client_scope = Scope::new(Case::Snake);
        for name in CLIENT_METHODS {
            client_scope.reserve(name);
        }
        assign_accessors(&mut nodes, &roots, &mut client_scope);
        let mut modules = Scope::with_reserved(Case::Snake, &["mod"]);
        let tops = roots
            .iter()
            .map(|&node| TopLevel {
                node,
                module: modules.unique(&nodes[node].template),
                features: nodes[node].features.clone(),
            })
            .collect();
        let root_items = drive_root_items(&nodes, &roots);
        let user_drive = user_drive(&nodes, &roots);
        PathPlan {
            nodes,
            roots,
            bodies,
            root_items,
            user_drive,
            tops,
        }
    }

    /// The top-level segments, one file each.
    pub fn top_levels(&self) -> &[TopLevel] {
        &self.tops
    }
}

/// The accessor of the signed-in user's drive on the `Client` (`/drive`).
pub const USER_DRIVE: &str = "drive";

/// The `/me/drive` builder node, unless a root already answers to [`USER_DRIVE`].
fn user_drive(nodes: &[NodePlan], roots: &[usize]) -> Option<usize> {
    let literal = |index: usize, name: &str| matches!(&nodes[index].segment, Some(Segment::Literal(l)) if l == name);
    let taken = roots.iter().any(|&r| {
        literal(r, USER_DRIVE) || nodes[r].accessor.as_ref().is_some_and(|a| a == USER_DRIVE)
    });
    let me = roots.iter().copied().find(|&r| literal(r, "me"))?;
    let drive = nodes[me]
        .children
        .iter()
        .copied()
        .find(|&c| literal(c, "drive"))?;
    (!taken && !nodes[drive].collapsed).then_some(drive)
}

/// The name of the root builder's method that returns the drive item builder.
pub const ROOT_AS_ITEM: &str = "as_item";

/// Every drive's `root` node with its sibling `items/{id}` node: below `drive` or `drives/{id}`,
/// when the root builder has no member named [`ROOT_AS_ITEM`] already.
fn drive_root_items(nodes: &[NodePlan], roots: &[usize]) -> BTreeMap<usize, usize> {
    let literal = |index: usize, name: &str| matches!(&nodes[index].segment, Some(Segment::Literal(l)) if l.eq_ignore_ascii_case(name));
    let child = |parent: usize, name: &str| {
        nodes[parent]
            .children
            .iter()
            .copied()
            .find(|&c| literal(c, name))
    };
    let free = |root: usize| {
        let node = &nodes[root];
        let taken = |ident: &Ident| ident == ROOT_AS_ITEM;
        !node.children.iter().any(|&c| {
            nodes[c].accessor.as_ref().is_some_and(taken)
                || nodes[c].collapsed && taken(&nodes[c].operations[0].method)
        }) && !node.operations.iter().any(|op| taken(&op.method))
    };
    let mut out = BTreeMap::new();
    let mut stack: Vec<(usize, bool)> = roots.iter().map(|&r| (r, false)).collect();
    while let Some((index, under_drives)) = stack.pop() {
        let node = &nodes[index];
        let is_key = matches!(node.segment, Some(Segment::Key { .. }));
        if literal(index, "drive") || (is_key && under_drives) {
            let item = child(index, "items").and_then(|items| {
                nodes[items].children.iter().copied().find(|&k| {
                    matches!(nodes[k].segment, Some(Segment::Key { .. })) && !nodes[k].collapsed
                })
            });
            if let (Some(root), Some(item)) = (child(index, "root"), item) {
                if !nodes[root].collapsed && free(root) {
                    out.insert(root, item);
                }
            }
        }
        let drives = literal(index, "drives");
        stack.extend(node.children.iter().map(|&c| (c, drives)));
    }
    out
}

/// Methods the runtime `Client` already has; root accessors must not shadow them.
const CLIENT_METHODS: &[&str] = &[
    "new",
    "builder",
    "base_url",
    "timeout",
    "retry_policy",
    "follow",
    "clone",
    "send",
    "execute",
];

struct Planner<'a, 'b> {
    ctx: &'a BuilderContext<'a>,
    bodies: &'b BTreeMap<usize, Ident>,
    nodes: Vec<NodePlan>,
    types: Scope,
    diags: &'b mut Diagnostics,
}

impl Planner<'_, '_> {
    /// Plans a node and its subtree; `None` when the subtree has no operation.
    fn node(&mut self, node: &PathNode, parent_name: &str, parent_template: &str) -> Option<usize> {
        let segment = node.segment.clone()?;
        let template = match &segment {
            Segment::ColonPath { param } => format!("{parent_template}:/{{{param}}}:"),
            other => format!("{parent_template}/{other}"),
        };
        let name = format!("{parent_name}{}", segment_words(&segment));
        let mut children = Vec::new();
        for child in node.children.values() {
            if let Some(index) = self.node(child, &name, &template) {
                children.push(index);
            }
        }
        let operations = self.operations(node);
        if children.is_empty() && operations.is_empty() {
            return None;
        }
        let mut features: BTreeSet<String> = operations
            .iter()
            .map(|&(index, _)| self.ctx.features.operation_feature(index).to_string())
            .collect();
        for &child in &children {
            features.extend(self.nodes[child].features.iter().cloned());
        }
        let collapsed =
            matches!(segment, Segment::Call { .. }) && children.is_empty() && operations.len() == 1;
        let ident = self.types.unique_name(camel_name(&name));
        let operations = self.name_operations(&segment, collapsed, operations);
        self.nodes.push(NodePlan {
            segment: Some(segment),
            template,
            ident,
            accessor: None,
            children: children.clone(),
            operations,
            features,
            collapsed,
        });
        let index = self.nodes.len() - 1;
        let mut scope = Scope::new(Case::Snake);
        scope.reserve("path");
        assign_accessors(&mut self.nodes, &children, &mut scope);
        let mut ops = std::mem::take(&mut self.nodes[index].operations);
        for op in ops.iter_mut() {
            op.method = self.op_method(&mut scope, op);
        }
        self.nodes[index].operations = ops;
        Some(index)
    }

    /// The operations at a node that exist in the model, one per HTTP method: when several
    /// pages document the same method on one path, the page whose first template is this path
    /// (then the shortest page id) wins and the others get a GEN002 note.
    fn operations(&mut self, node: &PathNode) -> Vec<(usize, usize)> {
        let mut best: BTreeMap<HttpMethod, (usize, usize)> = BTreeMap::new();
        let mut dropped = Vec::new();
        for &(index, path_index) in &node.operations {
            let Some(op) = self.ctx.api.operations.get(index) else {
                self.diags.push(Diagnostic::new(
                    codes::GEN006,
                    Severity::Error,
                    "",
                    0,
                    format!("path tree points at operation #{index}, which does not exist"),
                ));
                continue;
            };
            let rank = |(i, p): (usize, usize)| {
                let op = &self.ctx.api.operations[i];
                (p != 0, op.id.len(), op.id.clone())
            };
            match best.get(&op.method) {
                Some(&current) if rank(current) <= rank((index, path_index)) => {
                    dropped.push((index, current.0));
                }
                Some(&current) => {
                    dropped.push((current.0, index));
                    best.insert(op.method, (index, path_index));
                }
                None => {
                    best.insert(op.method, (index, path_index));
                }
            }
        }
        for (loser, winner) in dropped {
            let op = &self.ctx.api.operations[loser];
            let kept = &self.ctx.api.operations[winner];
            self.diags.push(Diagnostic::new(
                codes::GEN002,
                Severity::Note,
                op.source.file.clone(),
                op.source.line,
                format!(
                    "`{} {}` is also documented by `{}`; the builder method follows that page",
                    op.method.as_str(),
                    op.paths.first().map(|p| p.normalized()).unwrap_or_default(),
                    kept.id
                ),
            ));
        }
        best.into_values().collect()
    }

    /// Body struct names; method names are given once the node's scope is known.
    fn name_operations(
        &mut self,
        segment: &Segment,
        collapsed: bool,
        ops: Vec<(usize, usize)>,
    ) -> Vec<OpPlan> {
        ops.into_iter()
            .map(|(index, path_index)| {
                let op = &self.ctx.api.operations[index];
                let preferred = if collapsed {
                    call_method_name(segment)
                } else {
                    verb_name(op).to_string()
                };
                let body = self.bodies.get(&index).cloned();
                OpPlan {
                    index,
                    path_index,
                    method: crate::emit::names::ident(&snake_name(&preferred)),
                    body,
                }
            })
            .collect()
    }

    /// Unique method name for an operation: its verb, or its page id when the verb is taken.
    fn op_method(&mut self, scope: &mut Scope, op: &OpPlan) -> Ident {
        let preferred = op.method.to_string();
        let preferred = preferred.trim_start_matches("r#");
        if !scope.is_taken(preferred) {
            return scope.unique_name(preferred.to_string());
        }
        let operation = &self.ctx.api.operations[op.index];
        self.diags.push(
            Diagnostic::new(
                codes::GEN007,
                Severity::Note,
                operation.source.file.clone(),
                operation.source.line,
                format!(
                    "`{preferred}` is taken on this path; the method is named after the page `{}`",
                    operation.id
                ),
            )
            .with_help("a navigation property or call has the same name as the operation's method"),
        );
        scope.unique(&operation.id)
    }
}

/// Names the parent's accessor of each child (and of collapsed calls, their method).
fn assign_accessors(nodes: &mut [NodePlan], children: &[usize], scope: &mut Scope) {
    let keys = children
        .iter()
        .filter(|&&c| matches!(nodes[c].segment, Some(Segment::Key { .. })))
        .count();
    for &child in children {
        let node = &mut nodes[child];
        if node.collapsed {
            let method = node.operations[0].method.to_string();
            let method = method.trim_start_matches("r#");
            let name = match &node.segment {
                // `delta()` took `delta`: `delta(token=…)` is `delta_with_token`.
                Some(Segment::Call { args, .. }) if !args.is_empty() && scope.is_taken(method) => {
                    let args: Vec<String> = args.iter().map(|a| snake_name(&a.name)).collect();
                    format!("{method}_with_{}", args.join("_and_"))
                }
                _ => method.to_string(),
            };
            node.operations[0].method = scope.unique_name(name);
            continue;
        }
        let wire = match node.segment.as_ref() {
            Some(Segment::Key { param }) if keys > 1 => format!("by {param}"),
            Some(segment) => accessor_wire(segment),
            None => continue,
        };
        node.accessor = Some(scope.unique(&wire));
    }
}

/// Words a segment contributes to a builder struct name.
fn segment_words(segment: &Segment) -> String {
    match segment {
        Segment::Literal(name) => camel_name(name),
        Segment::Key { .. } => "Item".to_string(),
        Segment::Cast(name) => format!("As{}", camel_name(last_part(name))),
        Segment::Call { name, .. } => camel_name(last_part(name)),
        Segment::ColonPath { .. } => "ByPath".to_string(),
    }
}

/// The wire name of the accessor that leads to a segment.
fn accessor_wire(segment: &Segment) -> String {
    match segment {
        Segment::Literal(name) => name.clone(),
        Segment::Key { .. } => "by id".to_string(),
        Segment::Cast(name) => format!("as {}", last_part(name)),
        Segment::Call { name, .. } => last_part(name).to_string(),
        Segment::ColonPath { .. } => "item by path".to_string(),
    }
}

/// The method name of a collapsed call: the function or action name.
fn call_method_name(segment: &Segment) -> String {
    match segment {
        Segment::Call { name, .. } => snake_name(last_part(name)),
        other => snake_name(&accessor_wire(other)),
    }
}

/// `microsoft.graph.getByIds` → `getByIds`.
pub fn last_part(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or(name)
}

/// The method name an operation gets by its HTTP semantics.
fn verb_name(op: &Operation) -> &'static str {
    match op.method {
        HttpMethod::Get if op.response.body.as_ref().is_some_and(|b| b.collection) => "list",
        HttpMethod::Get => "get",
        HttpMethod::Post => "post",
        HttpMethod::Patch => "update",
        HttpMethod::Put => "put",
        HttpMethod::Delete => "delete",
    }
}

/// Names the body struct of every action with parameters, in operation order.
fn body_names(ctx: &BuilderContext<'_>) -> BTreeMap<usize, Ident> {
    let mut scope = Scope::with_reserved(Case::UpperCamel, RESERVED_TYPE_NAMES);
    let mut bodies = BTreeMap::new();
    for (index, op) in ctx.api.operations.iter().enumerate() {
        if let Some(RequestBody::Parameters { parameters }) = &op.request_body {
            if !parameters.is_empty() {
                bodies.insert(index, scope.unique(&format!("{} body", op.id)));
            }
        }
    }
    bodies
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::format_ident;

    /// Nodes from (segment, children, accessor); keys are `Segment::Key`.
    fn nodes(spec: &[(&str, &[usize], &str)]) -> Vec<NodePlan> {
        spec.iter()
            .enumerate()
            .map(|(i, (segment, children, accessor))| NodePlan {
                segment: Some(match *segment {
                    "{}" => Segment::Key { param: "id".into() },
                    literal => Segment::Literal(literal.into()),
                }),
                template: String::new(),
                ident: format_ident!("N{i}"),
                accessor: Some(format_ident!("{}", accessor)),
                children: children.to_vec(),
                operations: Vec::new(),
                features: BTreeSet::new(),
                collapsed: false,
            })
            .collect()
    }

    #[test]
    fn drive_roots_pair_with_their_item_builders() {
        // /me/drive/{root, items/{id}} and /drives/{id}/{root, items/{id}}; /sites/{root, items/{id}}.
        let plan = nodes(&[
            ("me", &[1], "me"),
            ("drive", &[2, 3], "drive"),
            ("root", &[], "root"),
            ("items", &[4], "items"),
            ("{}", &[], "by_id"),
            ("drives", &[6], "drives"),
            ("{}", &[7, 8], "by_id"),
            ("root", &[], "root"),
            ("items", &[9], "items"),
            ("{}", &[], "by_id"),
            ("sites", &[11, 12], "sites"),
            ("root", &[], "root"),
            ("items", &[13], "items"),
            ("{}", &[], "by_id"),
        ]);
        let pairs = drive_root_items(&plan, &[0, 5, 10]);
        assert_eq!(pairs, BTreeMap::from([(2, 4), (7, 9)]));
        let mut taken = plan.clone();
        taken[2].children = vec![4];
        taken[4].accessor = Some(format_ident!("{}", ROOT_AS_ITEM));
        assert!(!drive_root_items(&taken, &[0]).contains_key(&2));
    }
}

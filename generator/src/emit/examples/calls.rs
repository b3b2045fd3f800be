//! The fluent call chain of an example: from `client` along the builders' URL tree
//! ([`PathPlan`]) to the operation method, with the example's path values as arguments.
//!
//! The builder emitter decides names and argument types; this module only follows its plan.
//! Argument types mirror `builders::operations::function_arg_type` (kept private there): `&str`
//! for keys, colon paths, `String` and undocumented function arguments; `bool`, `i32`, `i64`,
//! `f64` and enums typed; any other primitive as its runtime type, parsed from the example text.
//! Optional function arguments are `Option`s (`&dyn ODataLiteral` for any-literal types); an
//! example that leaves one out passes `None`.

use super::rebase;
use super::Skip;
use crate::emit::builders::{is_required, takes_any_literal, BuilderContext, PathPlan, USER_DRIVE};
use crate::emit::examples::compare_url::percent_decode;
use crate::emit::examples::record::Cause;
use crate::emit::type_map::TypeMap;
use crate::model::{HttpMethod, Parameter, Primitive, Segment, TypeRef};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use std::collections::{BTreeMap, HashMap};

/// Where every operation path sits in the builder plan.
pub struct Chains<'a> {
    ctx: &'a BuilderContext<'a>,
    plan: &'a PathPlan,
    parents: HashMap<usize, usize>,
    /// (operation, path index) → (node index, position in the node's operations).
    slots: HashMap<(usize, usize), (usize, usize)>,
    /// (method, template with `{}` keys, lower-case) → (node index, position).
    by_template: HashMap<(HttpMethod, String), (usize, usize)>,
}

/// The chain up to the operation method, and the arguments the method takes before the body.
pub struct Chain {
    /// `client.groups().by_id("g1").threads().post`
    pub receiver: TokenStream,
    /// Function arguments of a collapsed call leaf.
    pub args: Vec<TokenStream>,
    /// The operation whose method ends the chain (another page's, when two pages document
    /// the same method on one path): its body and response types apply.
    pub operation: usize,
}

impl<'a> Chains<'a> {
    pub fn new(ctx: &'a BuilderContext<'a>, plan: &'a PathPlan) -> Self {
        let mut parents = HashMap::new();
        let mut slots = HashMap::new();
        let mut by_template = HashMap::new();
        for (index, node) in plan.nodes.iter().enumerate() {
            for &child in &node.children {
                parents.insert(child, index);
            }
            for (position, op) in node.operations.iter().enumerate() {
                slots.insert((op.index, op.path_index), (index, position));
                let method = ctx.api.operations[op.index].method;
                by_template.insert((method, template_key(&node.template)), (index, position));
            }
        }
        Chains {
            ctx,
            plan,
            parents,
            slots,
            by_template,
        }
    }

    /// The builder method that serves operation `op` through template `path_index`: its own,
    /// or, when another page's operation got the method for the same path and HTTP method,
    /// that one. Returns (node, position in the node's operations, operation index).
    fn slot(&self, op: usize, path_index: usize) -> Option<(usize, usize, usize)> {
        if let Some(&(node, position)) = self.slots.get(&(op, path_index)) {
            return Some((node, position, op));
        }
        let operation = &self.ctx.api.operations[op];
        let key = (
            operation.method,
            template_key(&operation.paths.get(path_index)?.normalized()),
        );
        let &(node, position) = self.by_template.get(&key)?;
        Some((
            node,
            position,
            self.plan.nodes[node].operations[position].index,
        ))
    }

    /// The chain for operation `op` through its template `path_index`; `raw_path` is the
    /// example's path as written (to tell how it spells function arguments).
    pub fn chain(
        &self,
        op: usize,
        path_index: usize,
        values: &BTreeMap<String, String>,
        raw_path: &str,
    ) -> Result<Chain, Skip> {
        let (target, position, served_by) = self.slot(op, path_index).ok_or_else(|| {
            Skip::ours(
                Cause::NotGenerated,
                "the builders give this operation path no method",
            )
        })?;
        let mut path = vec![target];
        while let Some(&parent) = self.parents.get(path.last().expect("not empty")) {
            path.push(parent);
        }
        path.reverse();
        // The tree may name a key differently from this operation's template; values are
        // keyed by the template's names, and tree nodes follow template segments one to one.
        let written = &self.ctx.api.operations[op].paths[path_index];
        let mut template = written.segments.clone();
        if written.starts_at_user_drive() {
            // The tree holds `/drive/...` under `/me/drive/...`.
            template.insert(0, Segment::Literal("me".into()));
        }
        if template.len() != path.len() {
            return Err(Skip::ours(
                Cause::NotGenerated,
                "the builder path and the operation template differ in length",
            ));
        }
        let mut receiver = quote!(client);
        let mut start = 0;
        if self
            .plan
            .user_drive
            .is_some_and(|d| path.get(1) == Some(&d))
            && addresses_user_drive(raw_path)
        {
            // `/drive/...` as written, not its `/me/drive/...` equivalent.
            let accessor = format_ident!("{}", USER_DRIVE);
            receiver = quote!(client.#accessor());
            start = 2;
        }
        let last = path.len() - 1;
        let mut skip_key = false;
        for (i, &index) in path.iter().enumerate().skip(start) {
            if std::mem::take(&mut skip_key) {
                continue;
            }
            if let Some(root) = self.root_alias(&path, i, &template, values, raw_path) {
                receiver = quote!(#receiver.#root().as_item());
                skip_key = true;
                continue;
            }
            let node = &self.plan.nodes[index];
            if i == last && node.collapsed {
                let segment = node.segment.as_ref().expect("planned nodes have a segment");
                let params = &self.ctx.api.operations[served_by].parameters;
                let args = self.call_args(segment, &template[i], params, values, raw_path)?;
                let method = &node.operations[0].method;
                return Ok(Chain {
                    receiver: quote!(#receiver.#method),
                    args,
                    operation: served_by,
                });
            }
            let accessor = node.accessor.as_ref().ok_or_else(|| {
                Skip::ours(Cause::NotGenerated, "a builder on the path has no accessor")
            })?;
            let args = self.accessor_args(index, &template[i], values, raw_path)?;
            receiver = quote!(#receiver.#accessor(#(#args),*));
        }
        let method = &self.plan.nodes[target].operations[position].method;
        Ok(Chain {
            receiver: quote!(#receiver.#method),
            args: Vec::new(),
            operation: served_by,
        })
    }

    /// When the chain passes `items/{id}` with `root` as the id and the example writes the
    /// drive's `root` directly, the accessor of the root builder (followed by `as_item()`).
    fn root_alias(
        &self,
        path: &[usize],
        i: usize,
        template: &[Segment],
        values: &BTreeMap<String, String>,
        raw_path: &str,
    ) -> Option<TokenStream> {
        let (&items, &item) = (path.get(i)?, path.get(i + 1)?);
        if !matches!(&self.plan.nodes[items].segment, Some(Segment::Literal(l)) if l.eq_ignore_ascii_case("items"))
        {
            return None;
        }
        let Some(Segment::Key { param }) = template.get(i + 1) else {
            return None;
        };
        let value = values.get(param).map(|v| percent_decode(v, false))?;
        let written = percent_decode(raw_path, false).to_ascii_lowercase();
        if !value.eq_ignore_ascii_case("root") || written.contains("/items/root") {
            return None;
        }
        let (&root, _) = self.plan.root_items.iter().find(|(_, &i)| i == item)?;
        let accessor = self.plan.nodes[root].accessor.as_ref()?;
        Some(quote!(#accessor))
    }

    fn accessor_args(
        &self,
        index: usize,
        template: &Segment,
        values: &BTreeMap<String, String>,
        raw_path: &str,
    ) -> Result<Vec<TokenStream>, Skip> {
        let node = &self.plan.nodes[index];
        match (node.segment.as_ref(), template) {
            (Some(Segment::Key { .. }), Segment::Key { param })
            | (Some(Segment::ColonPath { .. }), Segment::ColonPath { param }) => {
                let value = path_value(values, param)?;
                let lit = Literal::string(&value);
                Ok(vec![quote!(#lit)])
            }
            (Some(segment @ Segment::Call { .. }), _) => {
                let params: Vec<Parameter> = node
                    .operations
                    .iter()
                    .flat_map(|o| self.ctx.api.operations[o.index].parameters.iter().cloned())
                    .collect();
                self.call_args(segment, template, &params, values, raw_path)
            }
            (Some(Segment::Key { .. } | Segment::ColonPath { .. }), _) => Err(Skip::ours(
                Cause::NotGenerated,
                "the builder path and the operation template differ",
            )),
            _ => Ok(Vec::new()),
        }
    }

    /// The arguments of a function call segment, one per placeholder of the builder's segment;
    /// values are found through the template's placeholder of the same argument name.
    fn call_args(
        &self,
        segment: &Segment,
        template: &Segment,
        params: &[Parameter],
        values: &BTreeMap<String, String>,
        raw_path: &str,
    ) -> Result<Vec<TokenStream>, Skip> {
        let Segment::Call {
            args,
            parenthesized: true,
            ..
        } = segment
        else {
            return Ok(Vec::new());
        };
        let template_args = match template {
            Segment::Call { args, .. } => args.as_slice(),
            _ => &[],
        };
        let mut out = Vec::new();
        for arg in args {
            let Some(own) = &arg.param else { continue };
            let param = template_args
                .iter()
                .find(|t| t.name.eq_ignore_ascii_case(&arg.name))
                .and_then(|t| t.param.as_ref())
                .unwrap_or(own);
            let declared = params
                .iter()
                .find(|p| p.name.eq_ignore_ascii_case(&arg.name));
            let optional = !is_required(params, &arg.name);
            if optional && !values.contains_key(param) {
                // An optional argument the example leaves out.
                out.push(quote!(None));
                continue;
            }
            let value = path_value(values, param)?;
            if let Some(param) = declared.filter(|_| quoted_argument(raw_path, &arg.name)) {
                unquoted_literal(param, &value)?;
            }
            let argument = self.argument(declared, &arg.name, &value)?;
            out.push(match optional {
                true if takes_any_literal(self.ctx, params, &arg.name) => quote!(Some(&#argument)),
                true => quote!(Some(#argument)),
                false => argument,
            });
        }
        Ok(out)
    }

    /// One function argument of the type the builder declares.
    fn argument(
        &self,
        param: Option<&Parameter>,
        name: &str,
        text: &str,
    ) -> Result<TokenStream, Skip> {
        let string = || {
            let lit = Literal::string(&text.replace("''", "'"));
            Ok(quote!(#lit))
        };
        let Some(param) = param else { return string() };
        if param.ty.collection {
            return Err(Skip::ours(
                Cause::NotGenerated,
                format!("function argument `{name}` is a collection; no literal form"),
            ));
        }
        let wrong = |what: &str| {
            Skip::docs(
                Cause::ContradictsType,
                format!("function argument `{name}` is `{text}`, not {what}"),
            )
        };
        match &param.ty.ty {
            TypeRef::Primitive(Primitive::String) => string(),
            TypeRef::Primitive(_) if is_named_placeholder(text) => Err(wrong("a value")),
            TypeRef::Primitive(Primitive::Boolean) => match text {
                "true" => Ok(quote!(true)),
                "false" => Ok(quote!(false)),
                _ => Err(wrong("a boolean")),
            },
            TypeRef::Primitive(p @ (Primitive::Int32 | Primitive::Int64)) => {
                let lit = match p {
                    Primitive::Int32 => text.parse::<i32>().map(Literal::i32_unsuffixed).ok(),
                    _ => text.parse::<i64>().map(Literal::i64_unsuffixed).ok(),
                };
                lit.map(|l| quote!(#l)).ok_or_else(|| wrong("an integer"))
            }
            TypeRef::Primitive(Primitive::Double) => text
                .parse::<f64>()
                .ok()
                .filter(|f| f.is_finite())
                .map(|f| {
                    let l = Literal::f64_suffixed(f);
                    quote!(#l)
                })
                .ok_or_else(|| wrong("a number")),
            TypeRef::Primitive(p) => self.parsed_argument(*p, name, text),
            TypeRef::Named(key) if self.ctx.names.is_enum(key) => {
                let ty = TypeMap::new(self.ctx.names)
                    .item_type(&param.ty.ty)
                    .map(rebase)
                    .ok_or_else(|| wrong("an enum member"))?;
                let lit = Literal::string(enum_member(text));
                Ok(quote!(<#ty as msgraph::runtime::GraphEnum>::from_member(#lit)))
            }
            _ => Err(Skip::ours(
                Cause::NotGenerated,
                format!("function argument `{name}` has no literal form"),
            )),
        }
    }

    /// A primitive argument passed as its runtime type (`impl ODataLiteral`), parsed at run time.
    fn parsed_argument(&self, p: Primitive, name: &str, text: &str) -> Result<TokenStream, Skip> {
        let lit = Literal::string(text);
        let numeric = |suffixed: Option<Literal>| {
            suffixed.map(|l| quote!(#l)).ok_or_else(|| {
                Skip::docs(
                    Cause::ContradictsType,
                    format!("function argument `{name}` is `{text}`, not a number"),
                )
            })
        };
        match p {
            // `2019-11-01` is an Edm.Date literal; a DateTimeOffset literal has a time part.
            Primitive::DateTimeOffset if is_bare_date(text) => Err(Skip::docs(
                Cause::ContradictsType,
                format!("function argument `{name}` is the date `{text}`, not a date and time"),
            )),
            Primitive::DateTimeOffset => {
                Ok(quote!(#lit.parse::<msgraph::runtime::DateTimeOffset>()?))
            }
            Primitive::Date => Ok(quote!(#lit.parse::<msgraph::runtime::Date>()?)),
            Primitive::TimeOfDay => Ok(quote!(#lit.parse::<msgraph::runtime::TimeOfDay>()?)),
            Primitive::Duration => Ok(quote!(#lit.parse::<msgraph::runtime::Duration>()?)),
            Primitive::Guid => Ok(quote!(msgraph::runtime::Guid::parse_str(#lit)?)),
            Primitive::Binary => Ok(quote!(#lit.parse::<msgraph::runtime::Binary>()?)),
            Primitive::Int16 => numeric(text.parse::<i16>().ok().map(Literal::i16_suffixed)),
            Primitive::Byte => numeric(text.parse::<u8>().ok().map(Literal::u8_suffixed)),
            Primitive::SByte => numeric(text.parse::<i8>().ok().map(Literal::i8_suffixed)),
            Primitive::Single | Primitive::Decimal => numeric(
                text.parse::<f64>()
                    .ok()
                    .filter(|f| f.is_finite())
                    .map(Literal::f64_suffixed),
            ),
            _ => Err(Skip::ours(
                Cause::NotGenerated,
                format!("function argument `{name}` has no literal form"),
            )),
        }
    }
}

/// Whether the example writes function argument `name` quoted (`name='...'`).
/// Whether an example path starts at `/drive` (the signed-in user's drive).
fn addresses_user_drive(raw_path: &str) -> bool {
    let first = raw_path
        .trim_start_matches('/')
        .split(['/', '?', ':'])
        .next();
    first.is_some_and(|s| s.eq_ignore_ascii_case(USER_DRIVE))
}

fn quoted_argument(raw_path: &str, name: &str) -> bool {
    let decoded = percent_decode(raw_path, false).to_ascii_lowercase();
    let name = name.to_ascii_lowercase();
    decoded.match_indices(&name).any(|(at, _)| {
        let before = decoded[..at].chars().next_back();
        let rest = decoded[at + name.len()..].trim_start();
        matches!(before, Some('(' | ',' | ' '))
            && rest
                .strip_prefix('=')
                .is_some_and(|v| v.trim_start().starts_with(['\'', '"']))
    })
}

/// A quoted value is a string literal in OData; for a parameter whose literal form is bare
/// (numbers, booleans, dates, times, GUIDs) the example contradicts the declared type.
fn unquoted_literal(param: &Parameter, text: &str) -> Result<(), Skip> {
    let bare = match param.ty.ty {
        TypeRef::Primitive(p) => {
            p.is_number()
                || matches!(
                    p,
                    Primitive::Boolean
                        | Primitive::Date
                        | Primitive::DateTimeOffset
                        | Primitive::TimeOfDay
                        | Primitive::Guid
                )
        }
        _ => false,
    };
    match bare && !param.ty.collection {
        true => Err(Skip::docs(
            Cause::ContradictsType,
            format!(
                "function argument `{}` is written as a string ('{text}'); its type takes a bare literal",
                param.name
            ),
        )),
        false => Ok(()),
    }
}

/// A template as a lookup key: lower-case, placeholders written `{}`, no colons.
fn template_key(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut depth = 0usize;
    for c in template.chars() {
        match c {
            '{' => {
                if depth == 0 {
                    out.push_str("{}");
                }
                depth += 1;
            }
            '}' => depth = depth.saturating_sub(1),
            // Colon paths are written `root:/{p}:` or `root/:{p}:`; drop the colons.
            ':' => {}
            '/' if out.ends_with('/') => {}
            c if depth == 0 => out.push(c.to_ascii_lowercase()),
            _ => {}
        }
    }
    out
}

/// A path value from the example, percent-decoded (the runtime encodes it again).
fn path_value(values: &BTreeMap<String, String>, param: &str) -> Result<String, Skip> {
    values
        .get(param)
        .map(|v| percent_decode(v, false))
        .ok_or_else(|| {
            Skip::docs(
                Cause::ContradictsType,
                format!("the example URL gives no value for `{{{param}}}`"),
            )
        })
}

/// The member of an enum argument written with its type, `microsoft.graph.kind'Iana'` → `Iana`;
/// other spellings as they are.
fn enum_member(text: &str) -> &str {
    match text.split_once('\'') {
        Some((prefix, rest)) if prefix.contains('.') && !prefix.contains(['(', ',', '=']) => {
            rest.strip_suffix('\'').unwrap_or(rest)
        }
        _ => text,
    }
}

/// `yyyy-mm-dd` and nothing else.
fn is_bare_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
}

/// `<timestamp>`: the example names the kind of value instead of giving one.
pub(super) fn is_named_placeholder(text: &str) -> bool {
    text.len() > 2
        && text.starts_with('<')
        && text.ends_with('>')
        && !text[1..text.len() - 1].contains(['<', '>'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TypeUse;

    #[test]
    fn quoted_arguments_of_bare_literal_types_are_docs_defects() {
        let path = "/reports/getX(period='D7',date=%272018-03-05%27, count=2)";
        assert!(quoted_argument(path, "period"));
        assert!(quoted_argument(path, "Date"));
        assert!(!quoted_argument(path, "count"));
        assert!(!quoted_argument(path, "iod"));
        let param = |ty| Parameter {
            name: "date".into(),
            ty: TypeUse {
                ty: TypeRef::Primitive(ty),
                collection: false,
            },
            required: true,
            description: String::new(),
        };
        let skip = unquoted_literal(&param(Primitive::Date), "2018-03-05").unwrap_err();
        assert_eq!(skip.cause, Cause::ContradictsType);
        assert!(unquoted_literal(&param(Primitive::String), "D7").is_ok());
    }

    #[test]
    fn enum_arguments_written_with_their_type_give_the_member() {
        assert_eq!(
            enum_member("microsoft.graph.timeZoneStandard'Iana'"),
            "Iana"
        );
        assert_eq!(enum_member("Iana"), "Iana");
        assert_eq!(enum_member("it's"), "it's");
    }

    #[test]
    fn bare_dates_are_told_from_dates_with_times() {
        assert!(is_bare_date("2019-11-01"));
        assert!(!is_bare_date("2019-11-01T00:00:00Z"));
        assert!(!is_bare_date("2019/11/01"));
    }

    #[test]
    fn angle_bracket_names_are_placeholders_not_values() {
        assert!(is_named_placeholder("<timestamp>"));
        assert!(!is_named_placeholder("<>"));
        assert!(!is_named_placeholder("2020-01-01T00:00:00Z"));
        assert!(!is_named_placeholder("<a><b>"));
    }
}

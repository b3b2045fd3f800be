//! Builder structs and their accessors, one file per top-level segment.

use super::operations::{self, call_path_from, FileItems, PathSource, Receiver};
use super::plan::{NodePlan, PathPlan};
use super::BuilderContext;
use crate::emit::models::docs::doc_code;
use crate::model::{Parameter, Segment};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

/// The file of one top-level segment: its `Client` accessor, every builder below it and the
/// permission statics of their operations.
pub fn emit_file(ctx: &BuilderContext<'_>, plan: &PathPlan, top: usize) -> TokenStream {
    let mut items = FileItems::default();
    let mut out = Vec::new();
    let root_member = member(ctx, plan, top, Receiver::Client, None, &mut items);
    let user_drive = plan
        .user_drive
        .filter(|&drive| plan.nodes[top].children.contains(&drive))
        .map(|drive| user_drive(ctx, &plan.nodes[drive]));
    out.push(quote! {
        impl crate::runtime::Client {
            #root_member
            #user_drive
        }
    });
    builders(ctx, plan, top, &mut items, &mut out);
    let statics = items.into_tokens();
    let doc = format!(
        " Request builders under `{}`.",
        doc_code(&plan.nodes[top].template)
    );
    quote! {
        #![doc = #doc]
        #statics
        #(#out)*
    }
}

/// The struct and impl of `node` and of every node below it.
fn builders(
    ctx: &BuilderContext<'_>,
    plan: &PathPlan,
    index: usize,
    items: &mut FileItems,
    out: &mut Vec<TokenStream>,
) {
    let node = &plan.nodes[index];
    if node.collapsed {
        return;
    }
    let name = &node.ident;
    let cfg = ctx.features.cfg(&node.features);
    let doc = format!(" Request builder for `{}`.", doc_code(&node.template));
    let mut members = Vec::new();
    for &child in &node.children {
        members.push(member(
            ctx,
            plan,
            child,
            Receiver::Node,
            Some(&node.features),
            items,
        ));
    }
    if let Some(&item) = plan.root_items.get(&index) {
        members.push(root_as_item(ctx, node, &plan.nodes[item]));
    }
    for op in &node.operations {
        members.push(operations::method(
            ctx,
            items,
            op,
            Receiver::Node,
            PathSource::Node,
            Some(&node.features),
        ));
    }
    out.push(quote! {
        #[doc = #doc]
        #cfg
        #[derive(Debug, Clone)]
        pub struct #name {
            client: crate::runtime::Client,
            path: String,
        }

        #cfg
        impl #name {
            /// The path this builder addresses, relative to the service root (percent-encoded).
            pub fn path(&self) -> &str {
                &self.path
            }
            #(#members)*
        }
    });
    for &child in &node.children {
        builders(ctx, plan, child, items, out);
    }
}

/// `Client::drive()`: the `/me/drive` builder, addressed as `/drive`.
fn user_drive(ctx: &BuilderContext<'_>, drive: &NodePlan) -> TokenStream {
    let name = &drive.ident;
    let method = quote::format_ident!("{}", super::plan::USER_DRIVE);
    let cfg = ctx.features.cfg(&drive.features);
    let doc = format!(
        " `/drive`: the signed-in user's drive, the same as `{}`.",
        doc_code(&drive.template)
    );
    quote! {
        #[doc = #doc]
        #cfg
        pub fn #method(&self) -> #name {
            #name {
                client: crate::runtime::Client::clone(self),
                path: ::std::string::String::from("/drive"),
            }
        }
    }
}

/// `as_item()` on a drive's root builder: the drive item builder for the same path.
fn root_as_item(ctx: &BuilderContext<'_>, root: &NodePlan, item: &NodePlan) -> TokenStream {
    let name = &item.ident;
    let method = quote::format_ident!("{}", super::plan::ROOT_AS_ITEM);
    let cfg = ctx
        .features
        .cfg_inside(&item.features, Some(&root.features));
    let doc = format!(
        " The root folder as a drive item: the operations of `{}`, addressed as `{}`.",
        doc_code(&item.template),
        doc_code(&root.template)
    );
    quote! {
        #[doc = #doc]
        #cfg
        pub fn #method(&self) -> #name {
            #name {
                client: crate::runtime::Client::clone(&self.client),
                path: self.path.clone(),
            }
        }
    }
}

/// What a parent declares for a child: an accessor returning the child's builder, or for a
/// collapsed call leaf the operation method itself.
fn member(
    ctx: &BuilderContext<'_>,
    plan: &PathPlan,
    index: usize,
    receiver: Receiver,
    outer: Option<&BTreeSet<String>>,
    items: &mut FileItems,
) -> TokenStream {
    let node = &plan.nodes[index];
    let Some(segment) = node.segment.as_ref() else {
        return TokenStream::new();
    };
    if node.collapsed {
        return operations::method(
            ctx,
            items,
            &node.operations[0],
            receiver,
            PathSource::Call(segment),
            outer,
        );
    }
    let Some(accessor) = &node.accessor else {
        return TokenStream::new();
    };
    let name = &node.ident;
    let cfg = ctx.features.cfg_inside(&node.features, outer);
    let doc = format!(" `{}`", doc_code(&node.template));
    let client = receiver.client();
    let base = receiver.base();
    let (args, path) = accessor_path(ctx, node, segment, base);
    quote! {
        #[doc = #doc]
        #cfg
        pub fn #accessor(&self #(, #args)*) -> #name {
            #name {
                client: crate::runtime::Client::clone(#client),
                path: #path,
            }
        }
    }
}

/// The arguments of an accessor and the expression of the child's path.
fn accessor_path(
    ctx: &BuilderContext<'_>,
    node: &NodePlan,
    segment: &Segment,
    base: TokenStream,
) -> (Vec<TokenStream>, TokenStream) {
    match segment {
        Segment::Key { .. } => (
            vec![quote!(id: &str)],
            quote!([#base, "/", &crate::runtime::encode_segment(id)].concat()),
        ),
        Segment::ColonPath { .. } => (
            vec![quote!(path: &str)],
            quote!([
                #base,
                ":/",
                &crate::runtime::encode_colon_path(path.trim_start_matches('/')),
                ":"
            ]
            .concat()),
        ),
        Segment::Call { .. } => {
            let parameters: Vec<Parameter> = node
                .operations
                .iter()
                .flat_map(|op| ctx.api.operations[op.index].parameters.iter().cloned())
                .collect();
            call_path_from(ctx, &parameters, segment, base)
        }
        Segment::Literal(_) | Segment::Cast(_) => call_path_from(ctx, &[], segment, base),
    }
}

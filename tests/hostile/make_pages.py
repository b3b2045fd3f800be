#!/usr/bin/env python3
"""Writes the hostile pages under tests/hostile/v1.0 (our own text, Graph docs format).

Each page attacks the generator in one way; tests/tests/hostile.rs lists what each one covers and
what it must produce. Run from anywhere: `python3 tests/hostile/make_pages.py`.
"""
import json
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "v1.0")
INJECT = "INJECTED_FN"


def front(title, description, doc_type, prod="hostile"):
    return (
        "---\n"
        f"title: {json.dumps(title)}\n"
        f"description: {json.dumps(description)}\n"
        f"ms.prod: {json.dumps(prod)}\n"
        f"doc_type: {doc_type}\n"
        "---\n\n"
    )


def page_annotation(description):
    return (
        "\n<!-- {\n"
        '  "type": "#page.annotation",\n'
        f'  "description": {json.dumps(description)},\n'
        '  "keywords": "",\n'
        '  "section": "documentation",\n'
        '  "tocPath": ""\n'
        "}-->\n"
    )


def table(header, rows):
    out = "| " + " | ".join(header) + " |\n"
    out += "|" + "|".join([":---"] * len(header)) + "|\n"
    for row in rows:
        out += "|" + "|".join(row) + "|\n"
    return out


def resource(name, description, props, *, rels=None, namespace="microsoft.graph", odata=None,
             inherits=None, base=None, prod="hostile", title=None, extra="", key="id",
             abstract=False, front_desc=None):
    """A resource page. `props`/`rels`: (name, type cell, description) triples."""
    odata = odata or f"{namespace}.{name}"
    title = title or f"{name} resource type"
    text = front(title, front_desc or description.split("\n")[0][:200], "resourcePageType", prod)
    text += f"# {title}\n\nNamespace: {namespace}\n\n{description}\n\n"
    if inherits:
        text += f"Inherits from [{inherits}]({inherits.lower()}.md).\n\n"
    text += "## Properties\n" + table(["Property", "Type", "Description"], props) + "\n"
    text += "## Relationships\n"
    text += (table(["Relationship", "Type", "Description"], rels) if rels else "None\n") + "\n"
    text += extra
    annotation = {"blockType": "resource", "keyProperty": key, "@odata.type": odata}
    if base:
        annotation["baseType"] = base
    if abstract:
        annotation["abstract"] = "true"
    body = {p[0]: "String" for p in props}
    text += "## JSON representation\n\nThe shape of the resource.\n\n"
    text += "<!-- " + json.dumps(annotation, indent=2, ensure_ascii=False) + "-->\n\n"
    text += "```json\n" + json.dumps(body, indent=2, ensure_ascii=False) + "\n```\n"
    text += page_annotation(f"{name} resource")
    return text


def api(title, description, http_lines, *, perms=("Hostile.Read.All", "Not supported.", "Hostile.Read.All"),
        body="Don't supply a request body for this method.",
        response="If successful, this method returns a `200 OK` response code and a "
                 "[widget](../resources/widget.md) object in the response body.",
        examples="", prod="hostile", extra=""):
    text = front(title, description.split("\n")[0][:200], "apiPageType", prod)
    text += f"# {title}\n\nNamespace: microsoft.graph\n\n{description}\n\n"
    text += "## Permissions\nOne of the following permissions is required to call this API.\n\n"
    text += table(["Permission type", "Permissions (from least to most privileged)"], [
        ["Delegated (work or school account)", perms[0]],
        ["Delegated (personal Microsoft account)", perms[1]],
        ["Application", perms[2]],
    ]) + "\n"
    text += "## HTTP request\n<!-- { \"blockType\": \"ignored\" } -->\n```http\n"
    text += "\n".join(http_lines) + "\n```\n\n"
    text += extra
    text += "## Request headers\n" + table(["Header", "Value"], [["Authorization", "Bearer {token}. Required."]]) + "\n"
    text += f"## Request body\n{body}\n\n## Response\n{response}\n\n"
    text += examples
    text += page_annotation(title)
    return text


def example(name, request, response_status, response_body, odata_type="microsoft.graph.widget"):
    return (
        "## Example\n#### Request\n<!-- {\n"
        f'  "blockType": "request",\n  "name": {json.dumps(name)}\n'
        "}-->\n```http\n" + request + "\n```\n\n#### Response\n<!-- {\n"
        '  "blockType": "response",\n  "truncated": true,\n'
        f'  "@odata.type": {json.dumps(odata_type)}\n'
        "} -->\n```http\n" + f"HTTP/1.1 {response_status}\nContent-type: application/json\n\n"
        + response_body + "\n```\n\n"
    )


PAGES = {}


def add(path, text):
    PAGES[path] = text


# Support pages: a sane base type and target, so that hostile pages have something to point at.
add("resources/entity.md", resource("entity", "The root type of the hostile suite; holds the key.",
                                    [["id", "String", "The key. Read-only."]], abstract=True, prod="hostile"))
add("resources/widget.md", resource(
    "widget", "A plain type the hostile API pages return.",
    [["id", "String", "The key."], ["label", "String", "A label."]], inherits="entity",
    base="microsoft.graph.entity"))

# 1. Quotes in names and descriptions.
add("resources/quotes.md", resource(
    "quotes", 'A type whose text is full of quotes: "double", \'single\', and "\\"escaped\\"".',
    [['say"hi', "String", f'Ends a string early: "); {INJECT}(); ("'],
     ["it's", "String", f"Single quote: ' {INJECT} '"],
     ["plain", "String", f'Raw string end: "# {INJECT} r#"']]))

# 2. Comment terminators and doc-comment markers.
add("resources/comments.md", resource(
    "comments", f"Closes a block comment */ fn {INJECT}() {{}} /* and opens another /* never closed.",
    [["slashes", "String", f"*/ pub fn {INJECT}() {{}} /*"],
     ["doc", "String", f"/// {INJECT}\n//! inner doc"],
     ["line", "String", f"// {INJECT} */ */ */"]]))

# 3. Attributes in text.
add("resources/attributes.md", resource(
    "attributes", f"#![allow(unused)] #[derive({INJECT})] text that looks like an attribute.",
    [["#[serde(skip)]", "String", f"#[cfg({INJECT})] must stay text"],
     ["attrName", "String", f"#[doc = \"{INJECT}\"] #[inline]"]]))

# 4. Braces and statement breakers.
add("resources/braces.md", resource(
    "braces", f"}} }} }} fn {INJECT}() {{ let x = 1; }} impl X {{",
    [["a}b", "String", f"}}; fn {INJECT}() {{"],
     ["c{d", "String", "{ { {"],
     ["semi;colon", "String", "; ; ;"]]))

# 5. Newlines: in the front-matter description, annotation strings and table cells (<br>).
add("resources/newlines.md", resource(
    "newlines", f"First line.\nSecond line */\n}}\nfn {INJECT}() {{}}\n\n/// doc line",
    [["multi", "String", f"one<br>two<br/>*/ fn {INJECT}() {{}}<br>three"],
     ["crlfText", "String", "carriage\rreturn and tab\there"],
     ["entityCr", "String", "an HTML entity carriage&#13;return, a NUL &#0; and a line&#10;feed"]],
    odata="microsoft.graph.newlines", front_desc=f"line one\n*/ fn {INJECT}() {{}} /*\n}}\n#[cfg(x)]\rbare CR\r\nCRLF",
    extra="<!-- {\n  \"blockType\": \"ignored\",\n  \"description\": \"a\\n*/ fn INJECTED_FN() {} /*\\n\"\n}-->\n\n"))

# 6. Backticks and code fences inside descriptions (a doctest would run them).
add("resources/backticks.md", resource(
    "backticks", "Text with `inline code`, ``double ticks``, and a fence: ```rust fn INJECTED_FN() {} ```.",
    [["fence", "String", f"```rust<br>fn {INJECT}() {{ std::process::exit(1) }}<br>```"],
     ["tick", "String", "` unbalanced tick"],
     ["triple", "String", f"``` {INJECT} ```"]]))

# 7. Rust keywords as property names.
KEYWORDS = ["type", "match", "self", "Self", "super", "crate", "async", "await", "dyn", "fn", "impl",
            "mod", "move", "ref", "static", "union", "try", "gen", "abstract", "use", "where", "loop",
            "r#type", "_", "__", "true", "false", "extern", "macro_rules", "yield", "box", "become"]
add("resources/keywords.md", resource(
    "keywords", "Every property is named after a Rust keyword or a reserved word.",
    [[k, "String", f"Named `{k}`."] for k in KEYWORDS]))

# 8. Types named after Rust keywords and std prelude names.
for tname in ["self", "type", "string", "option", "result", "vec", "box", "default", "serialize", "crate"]:
    add(f"resources/kw-{tname}.md", resource(
        tname, f"A type named `{tname}`, which clashes with Rust if emitted as written.",
        [["id", "String", "The key."], ["inner", "String", "Some text."],
         ["other", f"[{tname}]({'kw-' + tname}.md) collection", "Points at its own kind."]]))

# 9. Unicode and emoji.
add("resources/unicode.md", resource(
    "unicodeThing", "Ünïcödé text, emoji 🎉🦀, right-to-left \u202eoverride\u202c, zero\u200bwidth, "
    "combining e\u0301, CJK 名前, and a NUL-free control \u001b[31m escape.",
    [["naïveName", "String", "Accented name."],
     ["名前", "String", "A CJK name."],
     ["emoji🎉", "String", "An emoji in the name 🦀."],
     ["zero\u200bwidth", "String", "A zero-width space in the name."],
     ["\u202eevil", "String", "A bidi override at the start."],
     ["ＦｕｌｌＷｉｄｔｈ", "String", "Full-width letters."]]))

# 10. 10,000-character strings.
LONG = ("lorem" * 2000)[:10000]
add("resources/long-strings.md", resource(
    "longStrings", "Long text: " + ("word " * 2000)[:10000],
    [[LONG, "String", "A 10,000-character property name."],
     ["longDescription", "String", ("very long description " * 455)[:10000]],
     ["a" * 10000, "String", "Another 10,000-character name of one letter."]]))

# 11. Duplicate property names in one type.
add("resources/duplicate-props.md", resource(
    "duplicateProps", "The same property is listed three times with different types.",
    [["name", "String", "First."], ["name", "Int32", "Second, another type."],
     ["name", "String collection", "Third."], ["id", "String", "The key."]]))

# 12. Two pages describe one type with conflicting properties.
add("resources/twice-a.md", resource(
    "twice", "The first page that describes `twice`.",
    [["id", "String", "The key."], ["color", "String", "A color name."]]))
add("resources/twice-b.md", resource(
    "twice", "The second page that describes `twice`, with a conflicting type for `color`.",
    [["id", "String", "The key."], ["color", "Int32", "A color number."], ["size", "Int32", "Only here."]]))

# 13. Property names that collide after case conversion.
add("resources/case-props.md", resource(
    "caseProps", "Five properties that all become `display_name` in snake case.",
    [["displayName", "String", "camel"], ["DisplayName", "String", "Pascal"],
     ["display_name", "String", "snake"], ["display-name", "String", "kebab"],
     ["DISPLAY_NAME", "Int32", "shouting"], ["displayname", "Boolean", "flat"]]))

# 14. Type names that collide after case conversion (three pages).
for i, tname in enumerate(["fooBar", "FooBar", "foo_bar"]):
    add(f"resources/case-type-{i}.md", resource(
        tname, f"The type `{tname}`; its Rust name collides with the other case-type pages.",
        [["id", "String", "The key."], [f"only{i}", "String", "Unique to this spelling."]]))

# 15. A type that contains itself (infinite size unless boxed).
add("resources/self-contain.md", resource(
    "node", "A linked node: its `next` property is another node.",
    [["id", "String", "The key."], ["next", "[node](self-contain.md)", "The next node, not a collection."],
     ["children", "[node](self-contain.md) collection", "Child nodes."]]))

# 16. Two types that contain each other.
add("resources/mutual-a.md", resource(
    "ping", "Holds a pong.", [["id", "String", "The key."], ["pong", "[pong](mutual-b.md)", "A pong."]]))
add("resources/mutual-b.md", resource(
    "pong", "Holds a ping.", [["id", "String", "The key."], ["ping", "[ping](mutual-a.md)", "A ping."]]))

# 17. A type that inherits from itself.
add("resources/self-inherit.md", resource(
    "ouroboros", "A type whose base type is the type itself.", [["id", "String", "The key."], ["tail", "String", "A tail."]],
    inherits="ouroboros", base="microsoft.graph.ouroboros"))

# 18. An inheritance loop of three types.
for me, parent in [("loopA", "loopB"), ("loopB", "loopC"), ("loopC", "loopA")]:
    add(f"resources/{me.lower()}.md", resource(
        me, f"Part of an inheritance loop: {me} derives from {parent}.",
        [[f"{me}Field", "String", "A field."]], inherits=parent, base=f"microsoft.graph.{parent}"))

# 19. Hostile enum members.
add("resources/hostile-enums.md",
    front("Hostile enums", "Enums whose members break naive emitters.", "enumPageType")
    + "# Hostile enums\n\nNamespace: microsoft.graph\n\n### evilKind values\n\n"
    + table(["Member", "Value", "Description"], [
        ["value", "0", "lower"], ["Value", "1", "Pascal, collides"], ["VALUE", "2", "upper, collides"],
        ["Self", "3", "keyword"], ["None", "4", "prelude"], ["Some", "5", "prelude"],
        ["2fa", "6", "starts with a digit"], ['quote"d', "7", f'"); {INJECT}(); ("'],
        ["emoji🎉", "8", "emoji"], ["unknownFutureValue", "9", "the sentinel"],
        ["Unknown", "10", "collides with a catch-all variant"], ["value", "11", "exact duplicate"],
        ["", "12", "empty name"], ["a b c", "13", "spaces"], ["x" * 3000, "14", "very long"]])
    + "\n### type values\n\n" + table(["Member"], [["self"], ["crate"], ["fn"], ["super"]])
    + page_annotation("Hostile enums"))

# 20. A type whose properties use hostile type cells.
add("resources/type-cells.md", resource(
    "typeCells", "Type cells that are not types.",
    [["a", f'[x"y](x.md) collection', "Quote in the link text."],
     ["b", f'Edm.Int32"); fn {INJECT}() {{ ("', "Injection in a type cell."],
     ["c", "[](empty.md)", "Empty link text."],
     ["d", "", "Empty type cell."],
     ["e", "Collection(Collection(Collection(String)))", "Nested collections."],
     ["f", "[widget](widget.md) collection collection", "Doubled word."],
     ["g", "microsoft.graph.👾", "Emoji type name."],
     ["h", "[self](kw-self.md)", "Points at the type named self."]]))

# 21. Odd property names: empty, digits, punctuation only.
add("resources/odd-names.md", resource(
    "oddNames", "Names that are empty or have no letters.",
    [["", "String", "Empty name."], ["123", "String", "Digits only."], ["-", "String", "A dash."],
     ["@odata.type", "String", "Looks like an annotation."], ["$ref", "String", "A dollar."],
     ["   ", "String", "Blanks only."], ["a\\b", "String", "A backslash."]]))

# 22. Hostile namespaces, including ones that look like paths or modules of the crate.
for i, ns in enumerate(["microsoft.graph.../../../../escaped", "microsoft.graph.runtime",
                        "microsoft.graph.self", "microsoft.graph./tmp/abs", "microsoft.graph.mod.crate.super",
                        "microsoft.graph.C:\\windows"]):
    add(f"resources/namespace-{i}.md", resource(
        f"nsThing{i}", f"A type in the namespace `{ns}`.", [["id", "String", "The key."]],
        namespace=ns, odata=f"{ns}.nsThing{i}"))

# 23. A type name that looks like a path.
add("resources/path-name.md", resource(
    "../../../../tmp/PATH_ESCAPE", "A type whose name walks out of the output folder.",
    [["id", "String", "The key."]], odata="microsoft.graph.../../../../tmp/PATH_ESCAPE"))

# 24. Workloads (Cargo features) with TOML injection.
add("resources/toml-inject.md", resource(
    "tomlInject", "Its ms.prod tries to add a dependency to Cargo.toml.",
    [["id", "String", "The key."]], prod='evil"]\n[dependencies]\ninjected-crate = "1"\n[x]\ny = ["'))
add("resources/toml-inject-2.md", resource(
    "tomlInjectTwo", "Its ms.prod is an odd feature name.",
    [["id", "String", "The key."]], prod="default = [\"std\"] # with spaces, =, # and 🦀"))

# 25. API pages: injection in HTTP paths, permissions, parameters and examples.
add("api/widget-get-hostile.md", api(
    "Get widget \"); fn INJECTED_FN() {} (\"",
    f"Reads a widget. */ fn {INJECT}() {{}} /*",
    ['GET /widgets/{id"); fn INJECTED_FN() {} ("}',
     "GET /widgets/{widget-id}/../../../etc/passwd",
     'GET /widgets/{widget-id}/say"hi',
     "FROB /widgets/{widget-id}",
     "GET /widgets/{widget-id}/{a}/{a}"],
    perms=('Widget.Read"); fn INJECTED_FN() {} ("', "Not supported.", "*/ Widget.Read.All /*"),
    examples=example("get_widget\"); fn INJECTED_FN() {", "GET https://graph.microsoft.com/v1.0/widgets/w\"1",
                     "200 OK", '{"id": "w\\"1", "label": "*/ fn INJECTED_FN() {} /*"}')))
add("api/widget-keywords.md", api(
    "Call fn on a widget", "An action whose name and parameters are Rust keywords.",
    ["POST /widgets/{widget-id}/fn", "POST /widgets/{widget-id}/self", "POST /widgets/{widget-id}/microsoft.graph.type"],
    body="In the request body, provide a JSON object with the following parameters.\n\n"
    + table(["Parameter", "Type", "Description"], [
        ["type", "String", "A keyword."], ["self", "Int32", "A keyword."], ["Self", "Boolean", "A keyword."],
        ['quote"d', "String", f'"); {INJECT}(); ("'], ["", "String", "Empty."], ["type", "Int64", "Duplicate."]]),
    response="If successful, this action returns a `204 No Content` response code."))
add("api/widget-dup-1.md", api(
    "List widgets", "Lists widgets (first page for this path and method).", ["GET /widgets"],
    response="If successful, this method returns a `200 OK` response code and a collection of "
             "[widget](../resources/widget.md) objects in the response body."))
add("api/widget-dup-2.md", api(
    "List widgets again", "Lists widgets (second page for the same path and method).", ["GET /widgets", "get /WIDGETS"],
    response="If successful, this method returns a `200 OK` response code and a collection of "
             "[widget](../resources/widget.md) objects in the response body."))
add("api/widget-function.md", api(
    "Widget function with hostile arguments", "A function whose arguments carry quotes and braces.",
    ["GET /widgets/{widget-id}/compute(x='{x}',y='\"); fn INJECTED_FN() {} (\"',z={z})",
     "GET /widgets/{widget-id}/compute(x='{x}',x='{x}')",
     "GET /widgets/{widget-id}/root:/{item-path}:/content:/{other}:"],
    extra="## Function parameters\n" + table(["Parameter", "Type", "Description"], [
        ["x", "String", "An argument."], ["z", "Int32", "Another argument."], ["type", "String", "A keyword."]]) + "\n"))
add("api/fn.md", api(
    "Page named after a keyword", "The page stem is `fn`, a Rust keyword.", ["GET /widgets/{widget-id}/keywordy"]))
add("api/widget-unicode-path.md", api(
    "Unicode path", "Path segments with unicode and emoji.",
    ["GET /wïdgets/{wïdget-id}/🎉", "GET /widgets/{widget-id}/名前"]))
add("api/widget-long-path.md", api(
    "Long path", "A path segment of 10,000 characters.", ["GET /widgets/" + "s" * 10000]))

add("api/widget-control-chars.md", api(
    "Control characters in paths", "HTTP lines with a bare carriage return, vertical tab and form feed.",
    ["GET /widgets/{widget-id}/a\rb", "GET /\x0e\rwidgets/{widget-id}/c", "GET /widgets/{widget-id}/\x0b\x0cd",
     "GET /widgets/{widget-id}/\u202eevil"]))


def main():
    for path, text in PAGES.items():
        full = os.path.join(ROOT, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    print(f"wrote {len(PAGES)} pages under {ROOT}")


if __name__ == "__main__":
    main()

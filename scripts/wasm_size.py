#!/usr/bin/env python3
"""What each part of a wasm file costs (the breakdown in BENCHMARKS.md).

    python3 scripts/wasm_size.py FILE.wasm [--json OUT.json] [--top N]

FILE must keep its function names: build it as `make wasm-size` does (cargo's
release profile, wasm-bindgen --keep-debug, wasm-opt -Oz -g: the shipped code,
names kept). Each function body is put in a group by its (demangled) name; a
group's gzip figure is gzip -9 of its bodies laid end to end, so the groups'
gzip sizes add up to a little more than the file's (gzip finds fewer repeats in
smaller pieces). Generic code is named after the crate whose generic it
instantiates: `<yew::...CompStateInner<COMP> ...>::view` is one of OUR
components' views, compiled inside Yew's lifecycle, hence its own group.
"""
import gzip
import json
import re
import sys
from collections import defaultdict

GROUPS = [
    # (group, pattern on the demangled name); first match wins.
    ("our components' views (html!, inlined into Yew's lifecycle)", r"CompStateInner<COMP>.*::view|FunctionProvider>::run|retrain_playground::ui::components"),
    ("our charts (plotters drawing code)", r"retrain_playground::ui::charts"),
    ("our other page code (state, app, hooks)", r"retrain_playground::ui|retrain_playground::worker"),
    ("serde: the worker messages' codec (postcard; bincode before session 14)", r"postcard|bincode|set_on_packed_message|Postcard"),
    ("serde: serde_json", r"serde_json"),
    ("serde: derived (de)serialisers of our types", r"serde_core::de::Deserialize for retrain_playground|serde_core::ser::Serialize for retrain_playground|retrain_playground::.*__Visitor|__FieldVisitor|serde_core|serde::"),
    ("core: quiz (bank, grading, sessions, progress)", r"retrain_playground::sim::(teach::)?quiz"),
    ("core: words (wording, story, english)", r"retrain_playground::sim::(wording|teach::story|story|english)"),
    ("core: links, scenarios, CSV, export", r"retrain_playground::sim::(engine::)?(share|export)|retrain_playground::sim::(retraining::)?(scenarios|cron)|retrain_playground::sim::(stream::)?(csv_data|calendar)"),
    ("core: guide and lesson (chapters, reveals, glossary)", r"retrain_playground::sim::teach"),
    ("core: ML (training, evaluation, detectors, expected accuracy)", r"retrain_playground::sim::ml"),
    ("core: the loop (cycle, triggers, validation, history, race)", r"retrain_playground::sim::retraining"),
    ("core: the engine (commands, snapshots, views)", r"retrain_playground::sim::engine"),
    ("core: other sim code", r"retrain_playground::sim"),
    ("the training kernels (crates/fit) and linfa, ndarray, argmin", r"retrain_fit|linfa|ndarray|argmin|matrixmultiply|sprs|num_traits|approx"),
    ("yew runtime (vdom, scheduler, hooks)", r"yew"),
    ("plotters", r"plotters"),
    ("js-sys / web-sys / wasm-bindgen glue", r"js_sys|web_sys|wasm_bindgen|gloo"),
    ("float formatting and parsing (core::fmt, dec2flt)", r"flt2dec|dec2flt|fmt::float|float_to_|::fmt::|Display|Debug"),
    ("allocator, collections, strings (dlmalloc, hashbrown, alloc)", r"dlmalloc|hashbrown|indexmap|alloc::|<alloc|RawVec|<str>|String"),
    ("rand", r"rand"),
    ("link escaping (form_urlencoded, percent-encoding)", r"form_urlencoded|percent_encoding"),
    ("std, core, compiler builtins (the rest)", r"."),
]


def leb(b, i):
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, i


def sections(b):
    i = 8
    while i < len(b):
        sid = b[i]
        i += 1
        n, i = leb(b, i)
        yield sid, i, n
        i += n


def analyse(path):
    b = open(path, "rb").read()
    imports = 0
    names = {}
    bodies = []
    data = b""
    for sid, off, n in sections(b):
        if sid == 2:  # imports: function imports take the first indices
            count, j = leb(b, off)
            for _ in range(count):
                for _ in range(2):
                    l, j = leb(b, j)
                    j += l
                kind = b[j]
                j += 1
                if kind == 0:
                    _, j = leb(b, j)
                    imports += 1
                elif kind in (1, 2):  # a table (element type first) or a memory: limits
                    j += kind == 1
                    flags = b[j]
                    j += 1
                    _, j = leb(b, j)
                    if flags & 1:
                        _, j = leb(b, j)
                elif kind == 3:
                    j += 2
        elif sid == 10:
            count, j = leb(b, off)
            for _ in range(count):
                l, k = leb(b, j)
                bodies.append(b[j : k + l])
                j = k + l
        elif sid == 11:
            data += b[off : off + n]
        elif sid == 0:
            l, j = leb(b, off)
            if b[j : j + l] == b"name":
                j += l
                end = off + n
                while j < end:
                    t = b[j]
                    j += 1
                    size, j = leb(b, j)
                    if t == 1:
                        count, k = leb(b, j)
                        for _ in range(count):
                            idx, k = leb(b, k)
                            l2, k = leb(b, k)
                            names[idx] = b[k : k + l2].decode("utf8", "replace")
                            k += l2
                    j += size
    if not names:
        sys.exit(f"{path}: no function names (build it with names kept: make wasm-size)")
    groups = defaultdict(list)
    top = []
    for k, body in enumerate(bodies):
        name = names.get(k + imports, "?")
        group = next(g for g, pat in GROUPS if re.search(pat, name))
        groups[group].append(body)
        top.append((len(body), name, group))
    result = {
        "file": path,
        "code": {"raw": sum(map(len, bodies)), "gzip": len(gzip.compress(b"".join(bodies), 9))},
        "data": {"raw": len(data), "gzip": len(gzip.compress(data, 9))},
        "groups": sorted(
            (
                {"group": g, "raw": sum(map(len, bs)), "gzip": len(gzip.compress(b"".join(bs), 9)), "functions": len(bs)}
                for g, bs in groups.items()
            ),
            key=lambda x: -x["raw"],
        ),
        "top": [{"raw": n, "name": nm[:160], "group": g} for n, nm, g in sorted(top, reverse=True)[:40]],
    }
    return result


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    path = args[0]
    res = analyse(path)
    out = args[args.index("--json") + 1] if "--json" in args else None
    ntop = int(args[args.index("--top") + 1]) if "--top" in args else 15
    kb = lambda n: f"{n / 1024:7.1f} KB"
    print(f"{path}: code {kb(res['code']['raw'])} ({kb(res['code']['gzip'])} gz), data {kb(res['data']['raw'])} ({kb(res['data']['gzip'])} gz)")
    for g in res["groups"]:
        print(f"  {kb(g['raw'])} {kb(g['gzip'])} gz  {g['functions']:5d} fns  {g['group']}")
    print("  largest functions:")
    for t in res["top"][:ntop]:
        print(f"  {kb(t['raw'])}  {t['name'][:120]}")
    if out:
        with open(out, "w") as f:
            json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()

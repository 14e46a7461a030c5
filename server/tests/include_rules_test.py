#!/usr/bin/env python3
"""Fails when a file under server/src includes a header of another domain that
server/include-rules.txt does not allow.

A domain is the first folder under server/src (catalog, cart, orders, ...; main.cpp belongs to
`app`). Including a file of one's own domain, or of `platform` from anywhere, is always allowed;
`platform` itself includes only `platform`. Every other edge must be listed in the rules file as
`from -> to/path/header.hpp` (one published contract) or `from -> to/*` (a whole domain, kept for
`app` and `workflows`, which wire and span domains). The test also fails on a rule that no
#include uses any more, so the list stays the true picture of the edges.
Usage: include_rules_test.py SRC_DIR RULES_FILE   (or --self-test: the checker catches a bad edge)
"""
import pathlib
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def domain_of(path: str) -> str:
    first = path.split("/", 1)[0]
    return "app" if first == "main.cpp" else first


def load_rules(rules_file: pathlib.Path):
    rules = {}
    for n, line in enumerate(rules_file.read_text().splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if "->" not in line:
            sys.exit(f"{rules_file}:{n}: expected 'from -> to', got {line!r}")
        src, dst = (part.strip() for part in line.split("->", 1))
        rules[(src, dst)] = n
    return rules


def allowed(src: str, header: str, rules) -> str | None:
    """The rule that allows `src` to include `header`, or None."""
    if (src, header) in rules:
        return header
    wildcard = domain_of(header) + "/*"
    if (src, wildcard) in rules:
        return wildcard
    return None


def self_test() -> int:
    """A tree with one allowed edge, one forbidden edge, a platform edge and a stale rule."""
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        for path, text in {
            "src/platform/db.hpp": "",
            "src/orders/events.hpp": '#include "platform/db.hpp"\n',
            "src/orders/service.hpp": "",
            "src/analytics/rollups.cpp": '#include "orders/events.hpp"\n#include "orders/service.hpp"\n',
            "src/platform/log.cpp": '#include "orders/events.hpp"\n',
        }.items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(text)
        (root / "rules.txt").write_text("analytics -> orders/events.hpp\nreviews -> orders/*\n")
        import io, contextlib
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = check(root / "src", root / "rules.txt")
        text = out.getvalue()
        expected = ["analytics -> orders/service.hpp is not in", "platform includes orders/events.hpp",
                    "'reviews -> orders/*' is used by no #include", "3 problems"]
        missing = [e for e in expected if e not in text]
        if code != 1 or missing:
            print(text)
            print(f"self-test failed: exit {code}, missing {missing}")
            return 1
        print("self-test: the checker reports a forbidden edge, a platform edge and a stale rule")
        return 0


def main() -> int:
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    return check(pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]))


def check(src_dir: pathlib.Path, rules_file: pathlib.Path) -> int:
    rules = load_rules(rules_file)
    used, problems = set(), []
    files = sorted(p for p in src_dir.rglob("*") if p.suffix in (".cpp", ".hpp"))
    for f in files:
        rel = f.relative_to(src_dir).as_posix()
        src = domain_of(rel)
        for header in INCLUDE.findall(f.read_text(errors="replace")):
            if not (src_dir / header).exists():
                continue  # generated or a system header written with quotes
            dst = domain_of(header)
            if dst == src:
                continue
            if dst == "platform":
                continue
            if src == "platform":
                problems.append(f"{rel}: platform includes {header} (platform knows nothing of shops)")
                continue
            rule = allowed(src, header, rules)
            if rule is None:
                problems.append(f"{rel}: {src} -> {header} is not in {rules_file.name}")
            else:
                used.add((src, rule))
    for (src, dst), n in sorted(rules.items(), key=lambda kv: kv[1]):
        if (src, dst) not in used:
            problems.append(f"{rules_file.name}:{n}: '{src} -> {dst}' is used by no #include; remove it")
    for p in problems:
        print(p)
    print(f"{len(files)} files checked, {len(used)} allowed edges in use, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

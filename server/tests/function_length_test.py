#!/usr/bin/env python3
"""Fails when a function body in the order-flow domains grows past its limit: 100 lines in
cart/, inventory/, payments/ and orders/, 60 in workflows/ (each workflow is a sequence of named
steps). A body is counted from the line of its opening brace to its closing brace, at namespace
level (lambdas and local blocks count with their function; class bodies are skipped, their
member functions defined inside count as part of the class and are kept short by review).
Usage: function_length_test.py SRC_DIR
"""
import pathlib
import re
import sys

LIMITS = {"cart": 100, "inventory": 100, "payments": 100, "orders": 100, "workflows": 60}
STRING = re.compile(r'"([^"\\]|\\.)*"')


def long_bodies(path: pathlib.Path, limit: int):
    lines = path.read_text().splitlines()
    depth, start = 0, None
    for i, line in enumerate(lines):
        code = STRING.sub('""', line.split("//", 1)[0])
        if re.match(r"^\s*namespace\b.*\{", code):
            continue
        for ch in code:
            if ch == "{":
                if depth == 0:
                    start = i
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth == 0 and start is not None:
                    head = lines[start]
                    if i - start + 1 > limit and not re.search(r"\b(class|struct|enum)\b", head):
                        yield start + 1, i - start + 1, head.strip()
                    start = None
            if depth < 0:  # the closing brace of a namespace
                depth = 0


def main() -> int:
    src = pathlib.Path(sys.argv[1])
    problems = 0
    for domain, limit in LIMITS.items():
        for f in sorted((src / domain).rglob("*.cpp")):
            for line, n, head in long_bodies(f, limit):
                print(f"{f.relative_to(src)}:{line}: {n} lines (limit {limit}): {head[:80]}")
                problems += 1
    print(f"function lengths: {problems} over the limit")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

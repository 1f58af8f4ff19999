"""Prints the external command words of shell scripts, parsed by shfmt (`shfmt --to-json`).

    python3 command_words.py FILE.json:SCRIPT_NAME ...   (each FILE.json is `shfmt --to-json < SCRIPT`)

A command word is the literal first word of a simple command and, behind a known wrapper, the command it runs
(`as_root apt-get …`, `timeout 5 radosgw-admin …`, `step NAME cmd …`: both words). Words built from variables or
substitutions cannot be known statically and are skipped. Functions declared in any of the scripts and
variable assignments are left out; bash builtins and keywords are filtered by the caller. Output: `word<TAB>script:line`.
"""
import json
import sys

# wrapper -> how many leading non-option arguments belong to the wrapper itself before the wrapped command
WRAPPERS = {
    "exec": 0, "command": 0, "as_root": 0, "as_owner": 0, "sudo": 0, "nohup": 0, "setsid": 0, "time": 0,
    "nice": 0, "env": 0, "xargs": 0, "timeout": 1, "taskset": 0, "step": 1, "flock": 1,
}
# wrappers whose own options run up to a `--`
DASHDASH = {"runuser", "nsenter", "unshare"}
# options of wrappers that take a value
OPTION_VALUES = {"taskset": {"-c"}, "timeout": {"-s", "-k"}, "nice": {"-n"}, "sudo": {"-u"}}


def literal(word):
    parts = word.get("Parts", [])
    if len(parts) == 1 and parts[0].get("Type") == "Lit":
        return parts[0]["Value"]
    if len(parts) == 1 and parts[0].get("Type") == "SglQuoted":
        return parts[0]["Value"]
    return None


def command_words(args):
    """The literal command words a call runs: each wrapper and the command it wraps, where literal."""
    words = []
    i = 0
    while i < len(args):
        word = literal(args[i])
        if word is None:
            return words
        words.append(word)
        if word in DASHDASH:
            rest = [literal(a) for a in args[i + 1:]]
            if "--" not in rest:
                return words
            i = i + 1 + rest.index("--") + 1
            continue
        if word in WRAPPERS and not (word == "command" and i + 1 < len(args) and literal(args[i + 1]) in ("-v", "-V")):
            skip = WRAPPERS[word]
            i += 1
            while i < len(args):
                nxt = literal(args[i])
                if nxt is None:
                    return words
                if word == "env" and "=" in nxt:
                    i += 1
                elif nxt.startswith("-"):
                    i += 2 if nxt in OPTION_VALUES.get(word, ()) else 1
                elif skip > 0:
                    skip -= 1
                    i += 1
                else:
                    break
            continue
        return words
    return words


def walk(node, out, functions):
    if isinstance(node, dict):
        kind = node.get("Type")
        if kind == "FuncDecl":
            functions.add(node["Name"]["Value"])
        if kind == "CallExpr" and node.get("Args"):
            line = node["Args"][0]["Pos"]["Line"]
            out.extend((word, line) for word in command_words(node["Args"]))
        for value in node.values():
            walk(value, out, functions)
    elif isinstance(node, list):
        for value in node:
            walk(value, out, functions)


def main():
    functions = set()
    found = []
    for spec in sys.argv[1:]:
        path, name = spec.split(":", 1)
        with open(path, encoding="utf-8") as f:
            tree = json.load(f)
        words = []
        walk(tree, words, functions)
        found.extend((w, f"{name}:{line}") for w, line in words)
    for word, where in found:
        if word not in functions:
            print(f"{word}\t{where}")


main()

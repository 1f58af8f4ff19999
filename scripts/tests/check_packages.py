"""Checks the output of a root `dotnet pack`: exactly the expected packages, each with the metadata a consumer and
nuget.org's page need, symbols, and SourceLink pointing at the public repository.

    python3 scripts/tests/check_packages.py FEED VERSION [COMMIT]

Run from the repository root (scripts/lib/package.sh, check_packages). The libraries are the projects under src/;
the metapackage is ReasoningGraph. COMMIT (git rev-parse HEAD) is expected in <repository> and in the SourceLink
URLs; without it (a source tree that is not a clone: nothing to link) neither is checked.
"""

import glob
import json
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"n": ""}  # the nuspec's XML namespace, read from each document's root element (see read_metadata)


def read_metadata(document):
    """The <metadata> element of a nuspec, whatever namespace version the SDK wrote it with."""
    root = ET.fromstring(document)
    NS["n"] = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
    return root.find("n:metadata", NS)


def prop(name):
    with open("Directory.Build.props", encoding="utf-8") as f:
        match = re.search(r"<%s>([^<]+)</%s>" % (name, name), f.read())
    return match.group(1) if match else ""


def main(feed, version, commit):
    problems = []
    libraries = sorted(os.path.basename(os.path.dirname(p)) for p in glob.glob("src/*/*.csproj"))
    expected = {"ReasoningGraph.%s.nupkg" % version}
    for lib in libraries:
        expected |= {"%s.%s.nupkg" % (lib, version), "%s.%s.snupkg" % (lib, version)}
    found = {f for f in os.listdir(feed) if f.endswith((".nupkg", ".snupkg"))}
    if found != expected:
        problems.append("packages: missing %s, unexpected %s" % (sorted(expected - found) or "none", sorted(found - expected) or "none"))

    repository_url = prop("RepositoryUrl")
    for name in sorted(expected & found):
        if name.endswith(".snupkg"):
            continue
        package_id = name[: -len(".%s.nupkg" % version)]
        with zipfile.ZipFile(os.path.join(feed, name)) as z:
            problems += ["%s: %s" % (name, p) for p in check_package(z, package_id, version, repository_url, commit, libraries)]
        if package_id in libraries:
            with zipfile.ZipFile(os.path.join(feed, "%s.%s.snupkg" % (package_id, version))) as z:
                problems += ["%s symbols: %s" % (name, p) for p in check_symbols(z, package_id, repository_url, commit)]

    for p in problems:
        print("NOT OK: " + p, file=sys.stderr)
    if problems:
        return 1
    print("packages: %d as expected (%s), version %s" % (len(expected), ", ".join(sorted(expected)), version), file=sys.stderr)
    return 0


def check_package(z, package_id, version, repository_url, commit, libraries):
    problems = []
    names = set(z.namelist())
    metadata = read_metadata(z.read(package_id + ".nuspec"))

    def text(tag):
        element = metadata.find("n:" + tag, NS)
        return (element.text or "").strip() if element is not None else ""

    if text("id") != package_id or text("version") != version:
        problems.append("id/version %s %s" % (text("id"), text("version")))
    if not text("description"):
        problems.append("no description")
    if text("license") != "Apache-2.0":
        problems.append("license %r, expected the expression Apache-2.0" % text("license"))
    if text("projectUrl") != prop("PackageProjectUrl"):
        problems.append("projectUrl %r" % text("projectUrl"))
    readme = text("readme")
    if not readme or readme not in names:
        problems.append("readme %r is not in the package" % readme)
    icon = text("icon")
    if not icon or icon not in names:
        problems.append("icon %r is not in the package" % icon)
    repository = metadata.find("n:repository", NS)
    if repository is None:
        problems.append("no <repository>")
    else:
        if repository.get("type") != "git" or repository.get("url") != repository_url:
            problems.append("repository %s, expected git %s" % (repository.attrib, repository_url))
        if commit and repository.get("commit") != commit:
            problems.append("repository commit %r, expected %s" % (repository.get("commit"), commit))

    if package_id in libraries:
        for suffix in (".dll", ".xml"):
            if "lib/net10.0/" + package_id + suffix not in names:
                problems.append("no lib/net10.0/%s%s" % (package_id, suffix))
        dll = z.read("lib/net10.0/%s.dll" % package_id) if "lib/net10.0/%s.dll" % package_id in names else b""
        # ContinuousIntegrationBuild maps the source root to /_/: no path of the machine that packed it.
        root = os.getcwd().encode()
        if root in dll:
            problems.append("the assembly holds the local path %s (not a deterministic CI build)" % root.decode())
        if not re.search(rb"/_[0-9]*/src/", dll):
            problems.append("the assembly's debug directory does not point at /_/src/ (no path mapping)")
    else:
        dependencies = {d.get("id"): d.get("version") for d in metadata.iter("{%s}dependency" % NS["n"])}
        for lib in libraries:
            if dependencies.get(lib) != "[%s]" % version:
                problems.append("depends on %s %r, expected [%s]" % (lib, dependencies.get(lib), version))
        if "Microsoft.Extensions.DependencyInjection" not in dependencies:
            problems.append("does not bring the service container (Microsoft.Extensions.DependencyInjection)")
        if any(n.endswith(".dll") for n in names):
            problems.append("a metapackage holds no assembly")
    return problems


def check_symbols(z, package_id, repository_url, commit):
    path = "lib/net10.0/%s.pdb" % package_id
    if path not in z.namelist():
        return ["no %s" % path]
    if not commit:
        return []
    pdb = z.read(path)
    # The SourceLink document is stored as plain UTF-8 JSON in the portable PDB.
    match = re.search(rb'\{"documents":\{.*?\}\}', pdb)
    if not match:
        return ["no SourceLink in the PDB"]
    documents = json.loads(match.group(0))["documents"]
    owner_repo = repository_url.rstrip("/").split("/")[-2:]
    url = documents.get("/_/*", "")
    problems = []
    if "/".join(owner_repo) not in url:
        problems.append("SourceLink %s does not point at %s" % (documents, repository_url))
    if commit not in url:
        problems.append("SourceLink %s is not at commit %s" % (documents, commit))
    return problems


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) == 4 else ""))

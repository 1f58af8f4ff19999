# Packs the NuGet packages, checks what they hold, and builds and runs the documentation's C# blocks against them.
# shellcheck shell=bash

# The files whose ```csharp blocks are whole programs, each built and run against the packed packages.
SNIPPET_DOCS=(README.md pack/README.md docs/GRAPH.md)

package_version() {
	sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1
}

# pack_packages DIR: a root `dotnet pack`: the library packages with their symbol packages, and the metapackage.
# It builds what it packs (deterministic, source-linked: Directory.Build.props), so it needs no earlier build.
pack_packages() {
	local out=$1
	rm -rf "$out"
	dotnet pack ReasoningGraph.slnx -c Release -o "$out"
	ls -l "$out"
}

# check_packages DIR: exactly the expected packages, each with its metadata, symbols and SourceLink
# (scripts/tests/check_packages.py).
check_packages() {
	local commit=
	commit=$(git rev-parse HEAD 2>/dev/null) || commit=
	python3 scripts/tests/check_packages.py "$1" "$(package_version)" "$commit"
}

# local_feed_config FEED DIR: DIR/nuget.config adds FEED beside the sources this machine's NuGet configuration enables
# (`dotnet nuget list source`: their names, so their credentials still apply); package source mapping takes
# ReasoningGraph* only from FEED and everything else from those sources. A private package folder keeps stale copies
# of the same version in the user's cache out of the test.
local_feed_config() {
	local feed dir=$2 names name
	feed=$(cd "$1" && pwd)
	mkdir -p "$dir"
	# "  1.  name [Enabled]" per source; read before DIR gets a nuget.config of its own.
	names=$(cd "$dir" && dotnet nuget list source | sed -n 's/^ *[0-9][0-9]*\. *\(.*\) \[Enabled\]$/\1/p')
	[[ -n $names ]] || {
		log "no enabled NuGet source in this machine's NuGet configuration (dotnet nuget list source)"
		return 1
	}
	{
		echo '<?xml version="1.0" encoding="utf-8"?>'
		echo '<configuration>'
		echo "  <packageSources><add key=\"reasoning-graph-local\" value=\"$feed\" /></packageSources>"
		echo '  <packageSourceMapping>'
		echo '    <packageSource key="reasoning-graph-local"><package pattern="ReasoningGraph" /><package pattern="ReasoningGraph.*" /></packageSource>'
		while IFS= read -r name; do
			echo "    <packageSource key=\"$name\"><package pattern=\"*\" /></packageSource>"
		done <<<"$names"
		echo '  </packageSourceMapping>'
		echo "  <config><add key=\"globalPackagesFolder\" value=\"$dir/packages\" /></config>"
		echo '</configuration>'
	} >"$dir/nuget.config"
}

# extract_csharp FILE DIR PREFIX: each ```csharp block of FILE into DIR/PREFIX-N.cs (N from 1).
extract_csharp() {
	awk -v dir="$2" -v prefix="$3" '
		/^```csharp[[:space:]]*$/ { n++; out = dir "/" prefix "-" n ".cs"; inside = 1; next }
		inside && /^```[[:space:]]*$/ { inside = 0; close(out); next }
		inside { print > out }
	' "$1"
}

# doc_snippets FEED DIR: every ```csharp block of SNIPPET_DOCS is pasted as Program.cs into a new console project
# that references the ReasoningGraph package from FEED, built with warnings as errors and run in its own folder
# (so a relative data/ is new); each must exit 0. Then every package must have come from FEED.
doc_snippets() {
	local feed=$1 dir=$2 version doc prefix snippet block name project passed=0 count=0 missing=0 package
	version=$(package_version)
	rm -rf "$dir"
	local_feed_config "$feed" "$dir"
	mkdir -p "$dir/snippets"
	for doc in "${SNIPPET_DOCS[@]}"; do
		prefix=${doc%.md}
		extract_csharp "$doc" "$dir/snippets" "${prefix//\//-}"
	done
	for snippet in "$dir"/snippets/*.cs; do
		[[ -e $snippet ]] || break
		count=$((count + 1))
		block=${snippet##*/}
		block=${block%.cs}
		name=Snippet_${block//[^A-Za-z0-9]/_}
		project=$dir/$name/$name.csproj
		log "--- $block"
		if dotnet new console --framework net10.0 --name "$name" --output "$dir/$name" >/dev/null &&
			dotnet add "$project" package ReasoningGraph --version "$version" >/dev/null &&
			cat "$snippet" >"$dir/$name/Program.cs" &&
			dotnet build "$project" -c Release --no-restore -p:TreatWarningsAsErrors=true -nologo -v quiet &&
			(cd "$dir/$name" && dotnet run -c Release --no-build); then
			log "ok: $block"
			passed=$((passed + 1))
		else
			log "NOT OK: $block ($snippet, built in $dir/$name)"
		fi
	done
	for package in reasoninggraph reasoninggraph.core reasoninggraph.signing reasoninggraph.storage.postgres reasoninggraph.archive.s3 reasoninggraph.opentelemetry; do
		[[ -d $dir/packages/$package/$version ]] || {
			log "$package $version was not restored from the local feed"
			missing=$((missing + 1))
		}
	done
	log "documentation snippets: $passed of $count built and ran (${SNIPPET_DOCS[*]})"
	((count > 0 && passed == count && missing == 0))
}

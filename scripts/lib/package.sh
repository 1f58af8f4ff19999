# Packs the NuGet packages and checks that a fresh project can consume them.
# shellcheck shell=bash

package_version() {
	sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1
}

# pack_packages DIR: the library packages (with symbols) and the ReasoningGraph metapackage.
pack_packages() {
	local out=$1 project
	rm -rf "$out"
	for project in src/*/*.csproj; do
		dotnet pack "$project" -c Release --no-build -o "$out"
	done
	dotnet pack pack/ReasoningGraph.Metapackage.csproj -c Release -o "$out"
	ls -l "$out"
}

# consumer_smoke FEED DIR: a new console app in DIR references the metapackage from FEED and canonicalizes.
# FEED is added beside the sources this machine's NuGet configuration enables (`dotnet nuget list source`: their
# names, so their credentials still apply); package source mapping takes ReasoningGraph* only from FEED and
# everything else from those sources. A private package folder keeps stale copies of the same version in the
# user's cache out of the test.
consumer_smoke() {
	local feed dir=$2 version output names name
	feed=$(cd "$1" && pwd)
	version=$(package_version)
	rm -rf "$dir"
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
	dotnet new console --framework net10.0 --name Consumer --output "$dir/Consumer" >/dev/null
	dotnet add "$dir/Consumer/Consumer.csproj" package ReasoningGraph --version "$version"
	cat >"$dir/Consumer/Program.cs" <<'CS'
using System.Text;
using ReasoningGraph.Canonicalization;

Console.Write(Encoding.UTF8.GetString(CanonicalJson.Canonicalize("""{"b":1,"a":2}""")));
CS
	output=$(dotnet run --project "$dir/Consumer/Consumer.csproj" -c Release)
	log "consumer printed: $output"
	[[ $output == '{"a":2,"b":1}' ]] || {
		log "expected {\"a\":2,\"b\":1}"
		return 1
	}
	for package in reasoninggraph reasoninggraph.core reasoninggraph.signing reasoninggraph.storage.postgres reasoninggraph.archive.s3; do
		[[ -d $dir/packages/$package/$version ]] || {
			log "$package $version was not restored from the local feed"
			return 1
		}
	done
}

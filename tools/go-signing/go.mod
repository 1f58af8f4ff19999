module reasoninggraph.dev/tools/go-signing

go 1.19

module reasoninggraph.dev/tools/go-canonical

go 1.19

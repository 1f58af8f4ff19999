using ReasoningGraph.Host.Cli;

return await CommandLineApp.RunAsync(args);

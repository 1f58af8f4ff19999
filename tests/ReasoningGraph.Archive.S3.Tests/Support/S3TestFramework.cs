using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: Xunit.TestFramework("ReasoningGraph.Archive.S3.Tests.Support.S3TestFramework", "ReasoningGraph.Archive.S3.Tests")]

namespace ReasoningGraph.Archive.S3.Tests.Support;

/// <summary>
/// xunit 2 cannot skip a test at run time, and the archive contract tests inherit plain <c>[Fact]</c>s, so the
/// decision is made at discovery (as in the Postgres tests): every test of a <see cref="RequiresS3Attribute"/> class is
/// reported as skipped when no server is available locally. In CI the tests are discovered normally, run, and fail.
/// </summary>
public sealed class S3TestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceProvider, IMessageSink sink)
        : XunitTestFrameworkExecutor(assemblyName, sourceProvider, sink)
    {
        protected override ITestFrameworkDiscoverer CreateDiscoverer() => new Discoverer(AssemblyInfo, SourceInformationProvider, DiagnosticMessageSink);
    }

    private sealed class Discoverer(IAssemblyInfo assemblyInfo, ISourceInformationProvider sourceProvider, IMessageSink sink)
        : XunitTestFrameworkDiscoverer(assemblyInfo, sourceProvider, sink)
    {
        protected override bool FindTestsForMethod(ITestMethod testMethod, bool includeSourceInformation, IMessageBus messageBus, ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            if (S3Server.InCi
                || S3Server.WhyUnavailable is not { } reason
                || !testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresS3Attribute)).Any()
                || !testMethod.Method.GetCustomAttributes(typeof(FactAttribute)).Any())
            {
                return base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);
            }

            var skipped = new XunitSkippedDataRowTestCase(
                DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason);
            return ReportDiscoveredTestCase(skipped, includeSourceInformation, messageBus);
        }
    }
}

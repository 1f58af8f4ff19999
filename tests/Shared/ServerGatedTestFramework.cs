using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ReasoningGraph.Tests.Support;

/// <summary>
/// xunit 2 cannot skip a test at run time, and contract tests inherit plain <c>[Fact]</c>s, so the decision is made
/// at discovery: every test of a class marked with <paramref name="requiresAttribute"/> is reported as skipped when
/// <paramref name="skipReason"/> names why its server is unavailable. It returns null in CI, where the tests are
/// discovered normally, run, and fail loudly. Linked into each test project that needs a real server.
/// </summary>
public abstract class ServerGatedTestFramework(IMessageSink messageSink, Type requiresAttribute, Func<string?> skipReason)
    : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink, requiresAttribute, skipReason);

    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink, requiresAttribute, skipReason);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceProvider, IMessageSink sink, Type requiresAttribute, Func<string?> skipReason)
        : XunitTestFrameworkExecutor(assemblyName, sourceProvider, sink)
    {
        protected override ITestFrameworkDiscoverer CreateDiscoverer() =>
            new Discoverer(AssemblyInfo, SourceInformationProvider, DiagnosticMessageSink, requiresAttribute, skipReason);
    }

    private sealed class Discoverer(IAssemblyInfo assemblyInfo, ISourceInformationProvider sourceProvider, IMessageSink sink, Type requiresAttribute, Func<string?> skipReason)
        : XunitTestFrameworkDiscoverer(assemblyInfo, sourceProvider, sink)
    {
        protected override bool FindTestsForMethod(ITestMethod testMethod, bool includeSourceInformation, IMessageBus messageBus, ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            if (skipReason() is not { } reason
                || !testMethod.TestClass.Class.GetCustomAttributes(requiresAttribute).Any()
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

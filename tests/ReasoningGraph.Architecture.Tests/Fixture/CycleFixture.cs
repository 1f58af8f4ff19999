// Types that exist only so that LayeringTests can check that the reader sees dependencies in method bodies, and
// that a namespace and its own Internal child do not count as a cycle. Never used at run time.
#pragma warning disable CA1812, CA1822 // never instantiated; members are read as IL, not called

namespace ReasoningGraph.Architecture.Tests.Fixture.Lower
{
    internal sealed class UsesUpperInABody
    {
        public object Make() => new Upper.Plain(); // only a method body names the upper namespace
    }
}

namespace ReasoningGraph.Architecture.Tests.Fixture.Upper
{
    internal sealed class Plain
    {
        public Lower.UsesUpperInABody? Field { get; set; }
    }
}

namespace ReasoningGraph.Architecture.Tests.Fixture.Paired
{
    internal sealed class Outer
    {
        public Internal.Helper Helper { get; } = new();
    }
}

namespace ReasoningGraph.Architecture.Tests.Fixture.Paired.Internal
{
    internal sealed class Helper
    {
        public Outer? Owner { get; set; }
    }
}

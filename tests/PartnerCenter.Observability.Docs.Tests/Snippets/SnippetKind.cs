namespace PartnerCenter.Observability.Docs.Tests.Snippets;

/// <summary>How a snippet is compiled.</summary>
internal enum SnippetKind
{
    /// <summary>A whole Program.cs: top-level statements, then any declared types.</summary>
    Program,

    /// <summary>Statements: the body of an async method whose parameters are the snippet's <c>given</c> values.</summary>
    Statements,
}

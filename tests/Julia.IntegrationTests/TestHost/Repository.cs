namespace Julia.IntegrationTests.TestHost;

/// <summary>The checkout the tests run from (the folder holding Julia.slnx above the test output).</summary>
internal static class Repository
{
    public static readonly string Root = Find();

    static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Julia.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Julia.slnx not found above the test output");
    }
}

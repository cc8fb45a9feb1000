namespace Julia.Infrastructure.Database;

internal sealed class DatabaseOptions
{
    public const string Section = "Database";
    public string Url { get; set; } = "";
}

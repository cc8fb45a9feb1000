namespace Julia.Cli;

/// <summary>A file a verb writes at the end (`--saida`), checked before any work: a run must not end unable to write it.</summary>
internal static class OutputFile
{
    /// <summary>The full path, or the pt-BR reason it cannot be written (an invalid name, a folder, a folder that does not exist).</summary>
    public static (string? Path, string? Problem) Check(string given, string example)
    {
        string full;
        try { full = System.IO.Path.GetFullPath(given); }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException) { return (null, $"--saida inválido: {given}"); }
        if (Directory.Exists(full)) return (null, $"--saida é uma pasta: {given} (dê o nome do arquivo, ex.: {example})");
        var folder = System.IO.Path.GetDirectoryName(full);
        return Directory.Exists(folder) ? (full, null) : (null, $"a pasta de --saida não existe: {folder}");
    }
}

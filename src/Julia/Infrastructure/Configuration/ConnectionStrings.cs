using System.Text.RegularExpressions;
using Npgsql;
using StackExchange.Redis;

namespace Julia.Infrastructure.Configuration;

/// <summary>
/// Turns DATABASE_URL (URI as Supabase shows it, libpq's `host=… dbname=…` or Npgsql keywords) and REDIS_URL (redis:// or rediss://, with
/// password and database number honoured) into client settings. Error texts never contain the value.
/// </summary>
internal static partial class ConnectionStrings
{
    public static bool TryPostgres(string value, out NpgsqlConnectionStringBuilder builder, out string error)
    {
        builder = new NpgsqlConnectionStringBuilder();
        error = "";
        try
        {
            if (value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) ||
                value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
                return TryPostgresUri(value, builder, out error);
            if (LibpqKeywords().Match(value) is { Success: true } libpq) return TryLibpqKeywords(libpq, builder, out error);
            builder.ConnectionString = value;
            if (string.IsNullOrEmpty(builder.Host)) { error = "falta o host (ex.: postgres://usuario:senha@host:5432/julia)"; return false; }
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            error = "não é uma URL postgres:// nem uma connection string Npgsql válida";
            return false;
        }
    }

    /// <summary>
    /// The parameters a libpq URI may carry (what psql, Supabase, Neon, Heroku and Render write after `?`) under the
    /// Npgsql keyword that means the same (docs/decisions.md#configuration). Any Npgsql keyword is taken as well.
    /// </summary>
    static readonly Dictionary<string, string> LibpqParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["channel_binding"] = "Channel Binding",
        ["connect_timeout"] = "Timeout",
        ["application_name"] = "Application Name",
        ["target_session_attrs"] = "Target Session Attributes",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["sslpassword"] = "SSL Password",
        ["dbname"] = "Database",
        ["user"] = "Username",
        ["hostaddr"] = "Host",
    };

    /// <summary>What a password with a reserved character needs, said wherever the URL cannot be read as written.</summary>
    const string EncodeHint = "na senha, @ # / ? : % e espaço vão codificados: %40 %23 %2F %3F %3A %25 %20";

    static bool TryPostgresUri(string value, NpgsqlConnectionStringBuilder builder, out string error)
    {
        error = "";
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            error = $"URL postgres:// inválida (formato: postgres://usuario:senha@host:5432/banco; {EncodeHint})";
            return false;
        }
        if (MisplacedAt(uri) is { } misplaced)
        {
            error = misplaced;
            return false;
        }
        builder.Host = uri.Host;
        builder.Port = uri.Port > 0 ? uri.Port : 5432;
        var database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/'));
        builder.Database = database.Length > 0 ? database : "postgres";
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2) builder.Password = Uri.UnescapeDataString(parts[1]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            if (!TrySetParameter(builder, Uri.UnescapeDataString(kv[0]), kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "", out error))
                return false;
        }
        return true;
    }

    /// <summary>
    /// libpq's keyword form, as psql and `pg_service.conf` write it: `host=db port=5432 dbname=julia user=u password='a b'`
    /// (spaces between pairs, single quotes around a value with spaces). Read by Npgsql's own parser, which splits on
    /// `;`, it was one host named `db port=5432 dbname=julia …` and start-up said that host could not be found (a
    /// newcomer's pass, 2026-12-06).
    /// </summary>
    static bool TryLibpqKeywords(Match match, NpgsqlConnectionStringBuilder builder, out string error)
    {
        error = "";
        var keys = match.Groups["key"].Captures;
        var values = match.Groups["value"].Captures;
        for (var i = 0; i < keys.Count; i++)
        {
            var raw = values[i].Value;
            var value = raw.Length >= 2 && raw[0] == '\'' ? Unquote(raw[1..^1]) : raw;
            if (!TrySetParameter(builder, keys[i].Value, value, out error)) return false;
        }
        if (string.IsNullOrEmpty(builder.Host)) { error = "falta o host (ex.: host=localhost port=5432 dbname=julia user=postgres)"; return false; }
        return true;
    }

    static string Unquote(string quoted)
    {
        var text = new System.Text.StringBuilder(quoted.Length);
        for (var i = 0; i < quoted.Length; i++) text.Append(quoted[i] == '\\' && i + 1 < quoted.Length ? quoted[++i] : quoted[i]);
        return text.ToString();
    }

    /// <summary>Two or more libpq `chave=valor` pairs separated by spaces, no `;` (Npgsql's separator).</summary>
    [GeneratedRegex(@"^\s*(?:(?<key>[A-Za-z_]+)\s*=\s*(?<value>'(?:[^'\\]|\\.)*'|[^\s';]*)\s+){1,}(?<key>[A-Za-z_]+)\s*=\s*(?<value>'(?:[^'\\]|\\.)*'|[^\s';]*)\s*$")]
    private static partial Regex LibpqKeywords();

    /// <summary>One libpq or Npgsql parameter, by its libpq name or its Npgsql keyword; the error names it, never its value.</summary>
    static bool TrySetParameter(NpgsqlConnectionStringBuilder builder, string key, string val, out string error)
    {
        error = "";
        try
        {
            if (key.Equals("sslmode", StringComparison.OrdinalIgnoreCase))
                builder.SslMode = Enum.Parse<SslMode>(val.Replace("-", ""), ignoreCase: true);
            else
                builder[LibpqParameters.GetValueOrDefault(key, key)] = val;
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException or InvalidCastException or OverflowException)
        {
            // The parameter's name, never its value (sslpassword's is a secret). Before (a newcomer's pass, 2026-12-06)
            // psql's own `?channel_binding=require` (Neon's URI) or `connect_timeout=10` was refused as "não é uma URL
            // postgres:// nem uma connection string Npgsql válida", a URL psql connects with.
            error = IsKnown(builder, key)
                ? $"valor inválido para o parâmetro {key}"
                : $"parâmetro {key} desconhecido (aceitos: os do libpq — sslmode, channel_binding, connect_timeout, application_name, target_session_attrs, sslrootcert… — ou palavras-chave do Npgsql)";
            return false;
        }
    }

    static bool IsKnown(NpgsqlConnectionStringBuilder builder, string key)
    {
        if (key.Equals("sslmode", StringComparison.OrdinalIgnoreCase) || LibpqParameters.ContainsKey(key)) return true;
        try { _ = builder[key]; return true; }
        catch (Exception ex) when (ex is ArgumentException or KeyNotFoundException) { return false; }
    }

    /// <summary>
    /// An `@` after the host: a password with an unencoded `#`, `?` or `/` ends the authority early — `postgres://u:2024#x@db/j`
    /// reads as host `u`, port 2024 — and the real host is lost in the fragment, query or path. Said here, not as an
    /// unreachable `u:2024` later (a newcomer's pass, 2026-12-06).
    /// </summary>
    static string? MisplacedAt(Uri uri) =>
        uri.GetComponents(UriComponents.PathAndQuery | UriComponents.Fragment, UriFormat.UriEscaped).Contains('@', StringComparison.Ordinal)
            ? $"o host não pôde ser lido: a senha (ou o usuário) tem # ? ou / sem codificar ({EncodeHint})"
            : null;

    public static bool TryRedis(string value, out ConfigurationOptions options, out string error)
    {
        options = new ConfigurationOptions();
        error = "";
        if (value.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            {
                error = $"URL redis:// inválida (formato: redis://[:senha@]host:6379/0; {EncodeHint})";
                return false;
            }
            if (MisplacedAt(uri) is { } misplaced)
            {
                error = misplaced;
                return false;
            }
            options.EndPoints.Add(uri.Host, uri.Port > 0 ? uri.Port : 6379);
            options.Ssl = uri.Scheme.Equals("rediss", StringComparison.OrdinalIgnoreCase);
            if (uri.UserInfo.Length > 0)
            {
                var parts = uri.UserInfo.Split(':', 2);
                if (parts.Length == 2)
                {
                    if (parts[0].Length > 0) options.User = Uri.UnescapeDataString(parts[0]);
                    options.Password = Uri.UnescapeDataString(parts[1]);
                }
                else options.Password = Uri.UnescapeDataString(parts[0]);
            }
            var path = uri.AbsolutePath.Trim('/');
            if (path.Length > 0)
            {
                if (!int.TryParse(path, out var db) || db < 0) { error = "o número do banco no fim da URL precisa ser inteiro (ex.: /0)"; return false; }
                options.DefaultDatabase = db;
            }
            return true;
        }
        if (value.Contains("://", StringComparison.Ordinal))
        {
            // "http://host:6379" would parse as a StackExchange.Redis endpoint list and point nowhere.
            error = "URL com esquema desconhecido: use redis:// ou rediss:// (ex.: redis://localhost:6379/0)";
            return false;
        }
        try
        {
            options = ConfigurationOptions.Parse(value);
            if (options.EndPoints.Count == 0) { error = "falta host:porta"; return false; }
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            error = "não é uma URL redis:// nem uma configuração StackExchange.Redis válida";
            return false;
        }
    }
}

using Npgsql;
using StackExchange.Redis;

namespace Julia.Infrastructure.Configuration;

/// <summary>
/// Turns DATABASE_URL (URI as Supabase shows it, or Npgsql keywords) and REDIS_URL (redis:// or rediss://, with
/// password and database number honoured) into client settings. Error texts never contain the value.
/// </summary>
internal static class ConnectionStrings
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

    static bool TryPostgresUri(string value, NpgsqlConnectionStringBuilder builder, out string error)
    {
        error = "";
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            error = "URL postgres:// inválida (formato: postgres://usuario:senha@host:5432/banco)";
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
            var key = Uri.UnescapeDataString(kv[0]);
            var val = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
            if (key.Equals("sslmode", StringComparison.OrdinalIgnoreCase))
                builder.SslMode = Enum.Parse<SslMode>(val.Replace("-", ""), ignoreCase: true);
            else
                builder[key] = val;
        }
        return true;
    }

    public static bool TryRedis(string value, out ConfigurationOptions options, out string error)
    {
        options = new ConfigurationOptions();
        error = "";
        if (value.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            {
                error = "URL redis:// inválida (formato: redis://[:senha@]host:6379/0)";
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

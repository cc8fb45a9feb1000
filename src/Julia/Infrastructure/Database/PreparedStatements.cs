using System.Collections.Concurrent;
using System.Data.Common;
using System.Reflection;
using Dapper;
using Npgsql;

namespace Julia.Infrastructure.Database;

/// <summary>
/// The hot path's statements as Npgsql explicitly prepared statements (docs/decisions.md#prepared-statements): parsed
/// and planned once per physical connection and reused by every later command with the same text on it (the pool keeps
/// them: it skips DISCARD ALL). Planning was most of PostgreSQL's work per message — the turn's first batch costs
/// ~1.1 ms unprepared and ~0.1 ms prepared. Parameters come from one or more objects (their public properties, as Dapper
/// reads them; a dictionary gives names and values) and are typed from the property's declared type, so a null keeps
/// its type and the prepared statement stays valid. Rows are mapped by Dapper's row parsers.
/// Not Npgsql's automatic preparation (`Max Auto Prepare`): that one corrupts a connection (npgsql/npgsql#6391).
/// </summary>
internal static class PreparedStatements
{
    /// <summary>Runs <paramref name="sql"/> (one statement or a BEGIN…COMMIT batch) prepared; the caller reads and disposes.</summary>
    public static async Task<PreparedReader> QueryPreparedMultipleAsync(this NpgsqlConnection c, string sql, CancellationToken ct, params object?[] parameters)
    {
        var statement = Statement.Of(sql);
        var command = await PrepareAsync(c, sql, statement, parameters, ct);
        try
        {
            var reader = await command.ExecuteReaderAsync(ct);
            return new PreparedReader(command, reader, statement, c.ProcessID);
        }
        catch
        {
            await command.DisposeAsync();
            throw;
        }
    }

    public static async Task<List<T>> QueryPreparedAsync<T>(this NpgsqlConnection c, string sql, CancellationToken ct, params object?[] parameters)
    {
        await using var grid = await c.QueryPreparedMultipleAsync(sql, ct, parameters);
        return await grid.ReadAsync<T>();
    }

    /// <summary>Rows split into two objects at the column <paramref name="splitOn"/> (Dapper's multi-mapping).</summary>
    public static async Task<List<TResult>> QueryPreparedAsync<T1, T2, TResult>(this NpgsqlConnection c, string sql, Func<T1, T2, TResult> map,
        string splitOn, CancellationToken ct, params object?[] parameters)
    {
        await using var grid = await c.QueryPreparedMultipleAsync(sql, ct, parameters);
        return await grid.ReadAsync(map, splitOn);
    }

    /// <summary>Rows split into three objects at the columns <paramref name="secondOn"/> and <paramref name="thirdOn"/>.</summary>
    public static async Task<List<TResult>> QueryPreparedAsync<T1, T2, T3, TResult>(this NpgsqlConnection c, string sql, Func<T1, T2, T3, TResult> map,
        string secondOn, string thirdOn, CancellationToken ct, params object?[] parameters)
    {
        await using var grid = await c.QueryPreparedMultipleAsync(sql, ct, parameters);
        return await grid.ReadAsync(map, secondOn, thirdOn);
    }

    public static async Task<T> QuerySinglePreparedAsync<T>(this NpgsqlConnection c, string sql, CancellationToken ct, params object?[] parameters)
    {
        await using var grid = await c.QueryPreparedMultipleAsync(sql, ct, parameters);
        return await grid.ReadSingleAsync<T>();
    }

    public static async Task<T?> QueryFirstOrDefaultPreparedAsync<T>(this NpgsqlConnection c, string sql, CancellationToken ct, params object?[] parameters)
    {
        await using var grid = await c.QueryPreparedMultipleAsync(sql, ct, parameters);
        var rows = await grid.ReadAsync<T>();
        return rows.Count == 0 ? default : rows[0];
    }

    public static async Task<int> ExecutePreparedAsync(this NpgsqlConnection c, string sql, CancellationToken ct, params object?[] parameters)
    {
        var statement = Statement.Of(sql);
        var command = await PrepareAsync(c, sql, statement, parameters, ct);
        int affected;
        try
        {
            affected = await command.ExecuteNonQueryAsync(ct);
        }
        catch
        {
            await command.DisposeAsync();
            throw;
        }
        statement.Release(c.ProcessID, command);
        return affected;
    }

    /// <summary>
    /// A command for <paramref name="sql"/> on this connection, prepared. The command this physical connection last ran
    /// the statement with is used again when it is still prepared on it and the parameters have the same names and
    /// types (only their values change): Npgsql's PrepareAsync would parse the whole text again to find the statement it
    /// already has — the largest share of Júlia's own CPU in Npgsql per reply. Otherwise a new command, prepared as
    /// before (no round trip when this connection already has the statement).
    /// </summary>
    static async Task<NpgsqlCommand> PrepareAsync(NpgsqlConnection c, string sql, Statement statement, object?[] parameters, CancellationToken ct)
    {
        var values = new List<NpgsqlParameter>();
        foreach (var source in parameters) AddParameters(values, statement, source);
        if (statement.Take(c.ProcessID) is { } known)
        {
            known.Connection = c;
            if (known.IsPrepared && SameShape(known.Parameters, values))
            {
                for (var i = 0; i < values.Count; i++) known.Parameters[i].Value = values[i].Value;
                return known;
            }
            await known.DisposeAsync();
        }
        var command = new NpgsqlCommand(sql, c);
        try
        {
            foreach (var value in values) command.Parameters.Add(value);
            await command.PrepareAsync(ct); // no round trip when this connection already has the statement
            return command;
        }
        catch
        {
            await command.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The same parameters but for their values: names, parameter types, and the types of the values (a null and a value
    /// count as different, and so does an untyped value of another type), in order — what the prepared statement was
    /// parsed and typed with.
    /// </summary>
    internal static bool SameShape(NpgsqlParameterCollection prepared, List<NpgsqlParameter> values)
    {
        if (prepared.Count != values.Count) return false;
        for (var i = 0; i < values.Count; i++)
        {
            var (was, now) = (prepared[i], values[i]);
            if (was.GetType() != now.GetType() || !string.Equals(was.ParameterName, now.ParameterName, StringComparison.Ordinal)
                || was.Value?.GetType() != now.Value?.GetType())
                return false;
        }
        return true;
    }

    static void AddParameters(List<NpgsqlParameter> into, Statement statement, object? source)
    {
        switch (source)
        {
            case null:
                return;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                foreach (var (name, value) in pairs)
                    if (statement.Mentions(name)) into.Add(value is null ? new NpgsqlParameter(name, DBNull.Value) : FromValue(name, value));
                return;
            default:
                foreach (var property in statement.Properties(source.GetType()))
                    into.Add(property.Create(property.Name, property.Get(source)));
                return;
        }
    }

    /// <summary>The statement uses @name as a whole word (@id is not used by a statement that only says @ids).</summary>
    internal static bool Mentions(string sql, string name)
    {
        var token = "@" + name;
        for (var at = sql.IndexOf(token, StringComparison.OrdinalIgnoreCase); at >= 0;
             at = sql.IndexOf(token, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + token.Length;
            if (end == sql.Length || !(char.IsLetterOrDigit(sql[end]) || sql[end] == '_')) return true;
        }
        return false;
    }

    internal sealed record Property(string Name, Func<object, object?> Get, Func<string, object?, NpgsqlParameter> Create);

    /// <summary>
    /// What was learnt about one statement text: the parameter names it mentions, the properties of each parameter type it
    /// uses, its row parsers. Found by the text's reference first: the hot path's statements are built once (static or
    /// per store), so a message costs no hash of a text several kilobytes long — the caches were keyed by the text, and
    /// hashing and comparing it on every lookup was a visible share of a reply's CPU. A text built per call (another
    /// instance of the same text) falls back to the lookup by content, once per call.
    /// </summary>
    internal sealed class Statement
    {
        readonly string sql;
        readonly ConcurrentDictionary<string, bool> mentioned = new();
        readonly ConcurrentDictionary<Type, Property[]> properties = new();
        internal readonly ConcurrentDictionary<(int Result, Type Type, int Start), Delegate> Parsers = new();

        Statement(string sql) => this.sql = sql;

        static readonly ConcurrentDictionary<string, Statement> ByText = new();
        static readonly System.Runtime.CompilerServices.ConditionalWeakTable<string, Statement> ByInstance = new();

        public static Statement Of(string sql)
        {
            if (ByInstance.TryGetValue(sql, out var known)) return known;
            var statement = ByText.GetOrAdd(sql, static text => new Statement(text));
            // The first instance of a text is known by reference from now on; another instance of it (a text built per
            // call) is not added: it would be one weak entry per call.
            if (ReferenceEquals(statement.sql, sql)) ByInstance.TryAdd(sql, statement);
            return statement;
        }

        /// <summary>
        /// The commands this statement last ran with, one per physical connection (its backend process id), not in use.
        /// A command is taken for one execution and released after its reader is done; a connection the pool closed leaves
        /// its command here until <see cref="MaxIdleCommands"/> clears them (a new connection that reuses the process id
        /// finds the command not prepared on it, and prepares a new one).
        /// </summary>
        readonly ConcurrentDictionary<int, NpgsqlCommand> idle = new();

        const int MaxIdleCommands = 64;

        public NpgsqlCommand? Take(int processId) => idle.TryRemove(processId, out var command) ? command : null;

        public void Release(int processId, NpgsqlCommand command)
        {
            if (idle.Count >= MaxIdleCommands) idle.Clear();
            if (!idle.TryAdd(processId, command)) command.Dispose();
        }

        public bool Mentions(string name) => mentioned.GetOrAdd(name, static (n, text) => PreparedStatements.Mentions(text, n), sql);

        /// <summary>The properties of a parameter type that this statement uses, found once per type.</summary>
        public Property[] Properties(Type type) => properties.GetOrAdd(type, static (t, text) => ReadProperties(t, text), sql);
    }

    static Property[] ReadProperties(Type type, string sql) =>
    [
        .. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && Mentions(sql, p.Name))
            .Select(p => new Property(p.Name, p.GetValue, Factory(p.PropertyType))),
    ];

    static NpgsqlParameter FromValue(string name, object value) => Factory(value.GetType())(name, value);

    static readonly ConcurrentDictionary<Type, Func<string, object?, NpgsqlParameter>> Factories = new();

    /// <summary>A typed parameter for a declared type; enums go as their number, as Dapper sends them.</summary>
    static Func<string, object?, NpgsqlParameter> Factory(Type type) => Factories.GetOrAdd(type, static t =>
    {
        var underlying = Nullable.GetUnderlyingType(t) ?? t;
        if (underlying.IsEnum)
        {
            var number = Enum.GetUnderlyingType(underlying);
            var make = Factory(Nullable.GetUnderlyingType(t) is null ? number : typeof(Nullable<>).MakeGenericType(number));
            return (name, value) => make(name, value is null ? null : Convert.ChangeType(value, number, System.Globalization.CultureInfo.InvariantCulture));
        }
        var method = typeof(PreparedStatements).GetMethod(nameof(Typed), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(t);
        return method.CreateDelegate<Func<string, object?, NpgsqlParameter>>();
    });

    static NpgsqlParameter Typed<T>(string name, object? value) => new NpgsqlParameter<T>(name, value is null ? default! : (T)value);

    /// <summary>Dapper's row parser for a result shape, built once per statement, result and type.</summary>
    internal static Func<DbDataReader, T> RowParser<T>(DbDataReader reader, Statement statement, int result, int start = 0, int length = -1) =>
        (Func<DbDataReader, T>)statement.Parsers.GetOrAdd((result, typeof(T), start), _ => typeof(T) == typeof(string)
            ? StringParser(reader.GetRowParser(typeof(string), startIndex: start, length: length))
            : reader.GetRowParser<T>(startIndex: start, length: length));

    /// <summary>Dapper's typed parser refuses a one-column string result (it builds an untyped one); cast it here.</summary>
    static Func<DbDataReader, string?> StringParser(Func<DbDataReader, object> untyped) => r => (string?)untyped(r);
}

/// <summary>The result sets of a prepared command, read in order like Dapper's grid reader.</summary>
internal sealed class PreparedReader(NpgsqlCommand command, NpgsqlDataReader reader, PreparedStatements.Statement sql, int processId) : IAsyncDisposable
{
    int result;
    bool started;

    async Task NextAsync()
    {
        if (started && !await reader.NextResultAsync()) throw new InvalidOperationException("No more result sets.");
        started = true;
        // Statements that return no rows (BEGIN, SET, a write with no RETURNING) have no result set to read.
        while (reader.FieldCount == 0)
            if (!await reader.NextResultAsync()) throw new InvalidOperationException("No more result sets.");
    }

    public async Task<List<T>> ReadAsync<T>()
    {
        await NextAsync();
        var parse = PreparedStatements.RowParser<T>(reader, sql, result++);
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(parse(reader));
        return rows;
    }

    public async Task<List<TResult>> ReadAsync<T1, T2, TResult>(Func<T1, T2, TResult> map, string splitOn)
    {
        await NextAsync();
        var split = reader.GetOrdinal(splitOn);
        var index = result++;
        var first = PreparedStatements.RowParser<T1>(reader, sql, index, 0, split);
        var second = PreparedStatements.RowParser<T2>(reader, sql, index, split);
        var rows = new List<TResult>();
        while (await reader.ReadAsync()) rows.Add(map(first(reader), second(reader)));
        return rows;
    }

    /// <summary>Rows split into three objects: at <paramref name="secondOn"/>, then at <paramref name="thirdOn"/> after it.</summary>
    public async Task<List<TResult>> ReadAsync<T1, T2, T3, TResult>(Func<T1, T2, T3, TResult> map, string secondOn, string thirdOn)
    {
        await NextAsync();
        var second = reader.GetOrdinal(secondOn);
        var third = Enumerable.Range(second + 1, reader.FieldCount - second - 1)
            .First(i => string.Equals(reader.GetName(i), thirdOn, StringComparison.OrdinalIgnoreCase));
        var index = result++;
        var a = PreparedStatements.RowParser<T1>(reader, sql, index, 0, second);
        var b = PreparedStatements.RowParser<T2>(reader, sql, index, second, third - second);
        var c = PreparedStatements.RowParser<T3>(reader, sql, index, third);
        var rows = new List<TResult>();
        while (await reader.ReadAsync()) rows.Add(map(a(reader), b(reader), c(reader)));
        return rows;
    }

    public async Task<T> ReadSingleAsync<T>()
    {
        var rows = await ReadAsync<T>();
        return rows.Count == 1 ? rows[0] : throw new InvalidOperationException($"Expected one row, got {rows.Count}.");
    }

    public async Task<T?> ReadSingleOrDefaultAsync<T>()
    {
        var rows = await ReadAsync<T>();
        return rows.Count switch { 0 => default, 1 => rows[0], _ => throw new InvalidOperationException($"Expected at most one row, got {rows.Count}.") };
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await reader.DisposeAsync(); // consumes what is left, COMMIT included
        }
        catch
        {
            await command.DisposeAsync();
            throw;
        }
        sql.Release(processId, command); // for this connection's next execution of the statement
    }
}

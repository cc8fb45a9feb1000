using System.Text.RegularExpressions;
using Julia.Infrastructure.Configuration;
using Julia.IntegrationTests.TestHost;
using Julia.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Julia.IntegrationTests.Operations;

/// <summary>
/// docs/runbook.md (the customer's runbook adapted to this implementation) and tests/fixtures/customer-runbook.md (the
/// customer's own, verbatim) stay true and readable: their Markdown renders as written, and every endpoint, environment
/// variable and its default, Redis key family, log word and `docker compose` service they give an operator exists in
/// the code. A line containing "(em construção)", or every line under a heading containing it, promises something not
/// built yet and is not checked against the code. Each check fails when it finds nothing to check, in either runbook.
/// </summary>
public sealed partial class RunbookTests
{
    const string UnderConstruction = "(em construção)";
    const string VariablesSection = "Variáveis de Ambiente";

    static readonly string Root = Repository.Root;
    const string Adapted = "docs/runbook.md";
    const string Customer = "tests/fixtures/customer-runbook.md";

    /// <summary>Both runbooks every check below reads: ours, and the customer's as they operate Júlia with it.</summary>
    public static TheoryData<string> Runbooks => new() { Adapted, Customer };

    static readonly Dictionary<string, RunbookText> Parsed = new[] { Adapted, Customer }
        .ToDictionary(p => p, p => RunbookText.Parse(File.ReadAllLines(Path.Combine(Root, p))));

    /// <summary>docs/runbook.md, for the checks of what only it has (cross-references).</summary>
    static readonly RunbookText Runbook = Parsed[Adapted];

    // ── 1. Markdown ─────────────────────────────────────────────────────────────────────────────────────────────

    [Theory]
    [MemberData(nameof(Runbooks))]
    public void EveryCodeFenceOfTheRunbookCloses(string file)
    {
        var runbook = Parsed[file];
        Assert.True(runbook.FenceCount > 0, "no code fence found: the parser no longer sees the runbook's code blocks");
        Assert.True(runbook.FenceProblems.Count == 0, $"{file}:\n" + string.Join("\n", runbook.FenceProblems));
    }

    [Theory]
    [MemberData(nameof(Runbooks))]
    public void EveryInlineCodeSpanOfTheRunbookClosesOnItsOwnLine(string file)
    {
        var runbook = Parsed[file];
        var prose = runbook.Lines.Where(l => !l.InCode && !l.IsFence).ToList();
        Assert.Contains(prose, l => l.Spans.Count > 0);

        var broken = prose.Where(l => l.Text.Count(c => c == '`') % 2 != 0).Select(l => $"line {l.Number}: {l.Text}");

        Assert.True(!broken.Any(), $"{file}:\n" + string.Join("\n", broken));
    }

    [Theory]
    [MemberData(nameof(Runbooks))]
    public void EveryTableOfTheRunbookIsOneBlockWithItsHeaderAndNoTextGluedToIt(string file)
    {
        var runbook = Parsed[file];
        var lines = runbook.Lines;
        var blocks = runbook.Tables.Select(t => (First: t.Header.Number - 1, Last: t.Block[^1].Number - 1)).ToList();
        Assert.True(blocks.Count > 0, "no table found");

        var problems = new List<string>();
        (int First, int Last)? previous = null;
        foreach (var (first, last) in blocks)
        {
            var header = lines[first];
            var hasDelimiter = last > first && DelimiterRow().IsMatch(lines[first + 1].Text.Trim());
            // Rows with no header of their own after only paragraph text since the previous table: that table was split.
            if (!hasDelimiter && previous is var (_, end) && Enumerable.Range(end + 1, first - end - 1).All(k => IsProse(lines[k])))
                problems.Add($"line{(first - end > 2 ? $"s {end + 2}–{first}" : $" {first}")}: a paragraph splits the table of line {lines[previous.Value.First].Number} " +
                             $"(its rows go on at line {header.Number}): move the paragraph below the table");
            else
            {
                if (!hasDelimiter) problems.Add($"line {header.Number}: a table's header row must be followed by its |---| row");
                if (first > 0 && IsProse(lines[first - 1]) && !IsBlank(lines[first - 1]))
                    problems.Add($"line {lines[first - 1].Number}: text glued to the table of line {header.Number} (no blank line between)");
            }
            if (last + 1 < lines.Count && IsProse(lines[last + 1]) && !IsBlank(lines[last + 1]))
                problems.Add($"line {lines[last + 1].Number}: text right after the table of line {header.Number} without a blank " +
                             "line renders as one of its rows");
            var columns = Cells(header.Text).Count;
            for (var k = first + 1; k <= last; k++)
                if (Cells(lines[k].Text).Count != columns)
                    problems.Add($"line {lines[k].Number}: {Cells(lines[k].Text).Count} cells, its table's header (line {header.Number}) has {columns}");
            previous = (first, last);
        }

        Assert.True(problems.Count == 0, $"{file}:\n" + string.Join("\n", problems));
    }

    // ── 2. Endpoints ────────────────────────────────────────────────────────────────────────────────────────────

    [Theory]
    [MemberData(nameof(Runbooks))]
    public async Task EveryJuliaEndpointTheRunbookNamesIsARouteOfTheRunningApp(string file)
    {
        var mentions = EndpointMentions(Parsed[file]).ToList();
        Assert.Contains(mentions, m => m.Path.StartsWith("/static/", StringComparison.Ordinal));
        Assert.Contains(mentions, m => !m.Path.StartsWith("/static/", StringComparison.Ordinal));

        await using var db = await TestDatabase.CreateAsync();
        using var redis = TestRedis.Lease();
        await using var app = new JuliaAppFactory(db, redis);
        _ = app.Server;
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Pattern: e.RoutePattern.RawText ?? "", Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []))
            .ToList();
        var jobs = app.Services.GetRequiredService<JobRunner>().Jobs;
        Assert.NotEmpty(routes);

        var missing = new List<string>();
        foreach (var m in mentions)
        {
            if (m.Path.StartsWith("/static/", StringComparison.Ordinal))
            {
                if (!File.Exists(Path.Combine(Root, "src", "Julia", "wwwroot", m.Path.TrimStart('/'))))
                    missing.Add($"line {m.Line}: {m.Path} is not a file under src/Julia/wwwroot");
                continue;
            }
            var matches = routes.Where(r => RouteMatches(r.Pattern, m.Path, out _)).ToList();
            if (matches.Count == 0)
                missing.Add($"line {m.Line}: {m.Method ?? "(any)"} {m.Path} matches no route");
            else if (m.Method is { } method && !matches.Any(r => r.Methods.Count == 0 || r.Methods.Contains(method)))
                missing.Add($"line {m.Line}: {m.Path} has no {method} route (only {string.Join(", ", matches.SelectMany(r => r.Methods).Distinct())})");
            else if (matches.Any(r => RouteMatches(r.Pattern, m.Path, out var values) && values.TryGetValue("nome", out var job)
                         && r.Pattern.StartsWith("/jobs/", StringComparison.Ordinal) && !jobs.ContainsKey(job)))
                missing.Add($"line {m.Line}: {m.Path}: no job of that name (jobs: {string.Join(", ", jobs.Keys)})");
        }

        Assert.True(missing.Count == 0, $"{file}:\n" + string.Join("\n", missing) + "\nroutes: " + string.Join(", ", routes.Select(r => r.Pattern).Distinct()));
    }

    /// <summary>
    /// `GET /x`-style mentions, URLs on Júlia's port 8000 (any host: localhost, 127.0.0.1, api, &lt;api&gt;) and inline
    /// `/paths`, outside "(em construção)". Query strings are dropped. Paths on a line about another service's port
    /// (Evolution :8080, Chatwoot :3000) are that service's, and `$EVOLUTION_URL/…`-style URLs are not ours either.
    /// </summary>
    static IEnumerable<(int Line, string? Method, string Path)> EndpointMentions(RunbookText runbook)
    {
        foreach (var line in runbook.Lines.Where(l => !l.Skipped && !l.IsFence))
        {
            foreach (Match m in MethodAndPath().Matches(line.Text))
                yield return (line.Number, m.Groups[1].Value, CleanPath(m.Groups[2].Value));
            foreach (Match m in JuliaUrl().Matches(line.Text))
            {
                if (m.Groups[1].Value.Length == 0) continue; // the bare base URL
                var curl = CurlMethod().Match(line.Text[..m.Index]);
                yield return (line.Number, curl.Success ? curl.Groups[1].Value : null, CleanPath(m.Groups[1].Value));
            }
            if (line.InCode || ForeignPort().IsMatch(line.Text)) continue;
            foreach (var span in line.Spans.Where(s => BarePath().IsMatch(s)))
                yield return (line.Number, null, CleanPath(span));
        }
    }

    static string CleanPath(string path)
    {
        var cut = path.IndexOfAny(['?', '#']);
        if (cut >= 0) path = path[..cut];
        path = path.TrimEnd('.', ',', ';', ':', ')', '…');
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    /// <summary>Whether a runbook path fits a route pattern; placeholders (&lt;id&gt;, {id}, …) fit any parameter.</summary>
    static bool RouteMatches(string pattern, string path, out Dictionary<string, string> values)
    {
        values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var route = pattern.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var given = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < route.Length; i++)
        {
            var parameter = RouteParameter().Match(route[i]);
            if (parameter.Success && parameter.Groups["catchall"].Length > 0) return true;
            if (i >= given.Length) return parameter.Success && parameter.Groups["optional"].Length > 0 && i == route.Length - 1;
            var placeholder = Placeholder().IsMatch(given[i]);
            if (!parameter.Success)
            {
                if (placeholder || !string.Equals(route[i], given[i], StringComparison.OrdinalIgnoreCase)) return false;
                continue;
            }
            if (placeholder) continue;
            foreach (var constraint in parameter.Groups["constraint"].Captures.Select(c => c.Value))
                if (constraint switch
                    {
                        "long" => !long.TryParse(given[i], out _),
                        "int" => !int.TryParse(given[i], out _),
                        "guid" => !Guid.TryParse(given[i], out _),
                        _ => false,
                    })
                    return false;
            values[parameter.Groups["name"].Value] = given[i];
        }
        return given.Length == route.Length;
    }

    // ── 3. Environment variables ────────────────────────────────────────────────────────────────────────────────

    [Theory]
    [MemberData(nameof(Runbooks))]
    public void EveryEnvironmentVariableTheRunbookNamesIsOneJuliaReads(string file)
    {
        var runbook = Parsed[file];
        var known = EnvironmentVariables.All.SelectMany(v => v.AllNames).ToHashSet(StringComparer.Ordinal);
        // ./run.sh's and ./test.sh's own settings (their local servers' ports), read by the scripts, not by Júlia.
        known.UnionWith(ScriptVariables());
        var mentions = EnvironmentVariableMentions(runbook).ToList();
        Assert.Contains(mentions, m => runbook.Lines[m.Line - 1].Section == VariablesSection);

        var unknown = mentions.Where(m => !known.Contains(m.Name)).Select(m => $"line {m.Line}: {m.Name}").Distinct().ToList();

        Assert.True(unknown.Count == 0, $"{file}: variables Júlia does not read:\n" + string.Join("\n", unknown));
    }

    [Theory]
    [MemberData(nameof(Runbooks))]
    public void EveryDefaultInTheRunbooksVariableTablesIsTheCodesDefault(string file)
    {
        var runbook = Parsed[file];
        var checkedRows = 0;
        var wrong = new List<string>();
        foreach (var table in runbook.Tables.Where(t => t.Header.Section == VariablesSection))
        {
            var headers = Cells(table.Header.Text);
            var column = headers.FindIndex(h => h.Trim() is "Default" or "Padrão");
            if (column < 0) continue;
            foreach (var row in table.Rows.Where(r => !r.Skipped))
            {
                var cells = Cells(row.Text);
                var names = Spans(cells[0]);
                var defaults = Spans(cells[column]);
                Assert.True(names.Count == defaults.Count, $"line {row.Number}: {names.Count} variables but {defaults.Count} defaults");
                foreach (var (name, shown) in names.Zip(defaults))
                {
                    checkedRows++;
                    var variable = EnvironmentVariables.All.FirstOrDefault(v => v.AllNames.Contains(name));
                    if (variable is not null && variable.Default != shown)
                        wrong.Add($"line {row.Number}: {name} defaults to {variable.Default ?? "(nothing)"}, the runbook says {shown}");
                }
            }
        }

        Assert.True(checkedRows > 0, $"{file}: no Default column found under \"{VariablesSection}\"");
        Assert.True(wrong.Count == 0, $"{file}:\n" + string.Join("\n", wrong));
    }

    /// <summary>The JULIA_* variables run.sh, test.sh and scripts/*.sh read (`${JULIA_PG_PORT:-55432}`).</summary>
    static IEnumerable<string> ScriptVariables() =>
        new[] { Path.Combine(Root, "run.sh"), Path.Combine(Root, "test.sh") }
            .Concat(Directory.EnumerateFiles(Path.Combine(Root, "scripts"), "*.sh"))
            .SelectMany(f => ScriptVariableRead().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value));

    /// <summary>
    /// In "Variáveis de Ambiente": every UPPER_CASE span with an underscore and every name in a table's first column.
    /// Anywhere else: UPPER_CASE spans with an underscore, and `NAME=` / `$NAME` in code. Skipped lines excluded.
    /// </summary>
    static IEnumerable<(int Line, string Name)> EnvironmentVariableMentions(RunbookText runbook)
    {
        foreach (var line in runbook.Lines.Where(l => !l.Skipped && !l.IsFence))
        {
            var code = line.InCode ? [line.Text] : line.Spans;
            foreach (var text in code)
            {
                foreach (Match m in AssignedVariable().Matches(text)) yield return (line.Number, m.Groups[1].Value);
                foreach (Match m in ExpandedVariable().Matches(text)) yield return (line.Number, m.Groups[1].Value);
            }
            if (line.InCode) continue;
            foreach (var span in line.Spans.Where(s => EnvironmentVariableName().IsMatch(s)))
                yield return (line.Number, span);
            if (line.Section == VariablesSection && IsTableRow(line) && !DelimiterRow().IsMatch(line.Text.Trim()))
                foreach (var span in Spans(Cells(line.Text)[0]).Where(s => UpperCaseToken().IsMatch(s)))
                    yield return (line.Number, span);
        }
    }

    // ── 4. Redis keys ───────────────────────────────────────────────────────────────────────────────────────────

    [Theory]
    [MemberData(nameof(Runbooks))]
    public void EveryRedisKeyFamilyTheRunbookShowsIsWrittenByTheCode(string file)
    {
        var literals = SourceFiles().SelectMany(f => StringLiteral().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).ToList();
        var keys = RedisKeyMentions(Parsed[file]).ToList();
        Assert.Contains(keys, k => k.Prefix.Contains(':'));

        var missing = keys.Where(k => !literals.Any(l => l.StartsWith(k.Prefix, StringComparison.Ordinal)))
            .Select(k => $"line {k.Line}: {k.Key} (no string literal in src/Julia starts with \"{k.Prefix}\")").Distinct().ToList();

        Assert.True(missing.Count == 0, $"{file}:\n" + string.Join("\n", missing));
    }

    /// <summary>
    /// Keys given to a Redis command in code (`KEYS medico:*`, `redis-cli TTL …`, `HGETALL whatsapp:estado`) anywhere,
    /// and key-shaped spans (`lock:conversa:{id}`) in the "Redis" section. The family is the key up to its first
    /// wildcard or placeholder (`*`, `{…}`, `&lt;…&gt;`, `…`) or example value (a part starting with a digit).
    /// </summary>
    static IEnumerable<(int Line, string Key, string Prefix)> RedisKeyMentions(RunbookText runbook)
    {
        foreach (var line in runbook.Lines.Where(l => !l.Skipped && !l.IsFence))
        {
            var candidates = new List<string>();
            foreach (var code in line.InCode ? [line.Text] : line.Spans)
                candidates.AddRange(RedisCommand().Matches(code).Select(m => m.Groups[1].Value.Trim('"', '\'')));
            if (!line.InCode && line.Subsection == "Redis")
                candidates.AddRange(line.Spans.Where(s => RedisKey().IsMatch(s)));
            foreach (var key in candidates.Where(k => RedisKey().IsMatch(k)))
            {
                var prefix = KeyFamily(key);
                if (prefix.Length > 0) yield return (line.Number, key, prefix);
            }
        }
    }

    static string KeyFamily(string key)
    {
        var end = key.IndexOfAny(['*', '{', '<', '…']);
        if (key.IndexOf("...", StringComparison.Ordinal) is >= 0 and var dots && (end < 0 || dots < end)) end = dots;
        var prefix = end < 0 ? key : key[..end];
        var parts = prefix.Split(':');
        var example = Array.FindIndex(parts, p => p.Length > 0 && char.IsAsciiDigit(p[0]));
        return example < 0 ? prefix : string.Join(':', parts[..example]) + ':';
    }

    // ── 5. Log words ────────────────────────────────────────────────────────────────────────────────────────────

    /// <summary>
    /// SPEC §1: production JSON logs carry `medico_id`, `conversa_id`, `latencia_ms` — fields the formatter takes from
    /// `{MedicoId}`, `{ConversaId}`, `{LatenciaMs}` in a template; each must be named by an INFO line (a SPEC audit,
    /// 2026-12-02: the agent's line said `{LatencyMs}`, so `latencia_ms` never appeared).
    /// </summary>
    [Fact]
    public void TheSpecsStructuredLogFieldsAreNamedByInfoTemplates()
    {
        var info = LogTemplates().Where(t => t.Level == "Information").Select(t => t.Message).ToList();
        foreach (var field in new[] { "{MedicoId}", "{ConversaId}", "{LatenciaMs}" })
            Assert.Contains(info, m => m.Contains(field, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Runbooks))]
    public void EveryLogWordTheRunbookGivesOperatorsIsLoggedByTheCode(string file)
    {
        var templates = LogTemplates().Select(t => (Items: TemplateItems(t.Message), t.Level)).ToList();
        var values = SourceFiles().SelectMany(f => StringLiteral().Matches(File.ReadAllText(f)))
            .Select(m => m.Groups[1].Value).Where(v => v.Length > 0).Distinct()
            .Select(v => (Text: v, Items: TemplateItems(v))).ToList();
        var levels = LevelNames();
        Assert.True(templates.Count > 20, $"only {templates.Count} [LoggerMessage] templates found in src/Julia");
        Assert.Contains("ERROR", levels.Values);
        var words = LogWordMentions(Parsed[file]).ToList();
        Assert.Contains(words, w => w.FromGrep);
        Assert.Contains(words, w => !w.FromGrep);

        var missing = new List<string>();
        foreach (var (line, phrase, ignoreCase, _) in words)
        {
            var text = phrase.Trim();
            if (levels.Values.Any(v => string.Equals(v, text, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))) continue;
            string? level = null;
            var space = text.IndexOf(' ');
            if (space > 0 && levels.ContainsValue(text[..space])) (level, text) = (text[..space], text[(space + 1)..].Trim());
            text = PhrasePlaceholder().Replace(text, "…");
            if (text.Count(c => c != '…' && !char.IsWhiteSpace(c)) < 3)
            {
                missing.Add($"line {line}: \"{phrase}\" is too vague to be a log word");
                continue;
            }
            if (!templates.Any(t => (level is null || t.Level is null || levels.GetValueOrDefault(t.Level) == level) && LogMatches(text, t.Items, ignoreCase, values)))
                missing.Add($"line {line}: \"{phrase}\" is in no [LoggerMessage] template{(level is null ? "" : $" logged at {level}")}");
        }

        Assert.True(missing.Count == 0, $"{file}:\n" + string.Join("\n", missing));
    }

    /// <summary>
    /// What operators are told to look for: the argument of every `grep` in code; every span right after "log",
    /// "logs", "linha(s)" or "linha(s) com" in prose, with the spans listed after it (`a`, `b` ou `c`); every span or
    /// `"level":"X"` naming a log level; every `Erro "…"` a symptom quotes (the operator greps for it). A leading level
    /// name ("WARNING … x") must also be the template's level.
    /// </summary>
    static IEnumerable<(int Line, string Phrase, bool IgnoreCase, bool FromGrep)> LogWordMentions(RunbookText runbook)
    {
        foreach (var line in runbook.Lines.Where(l => !l.Skipped && !l.IsFence))
            foreach (var code in line.InCode ? [line.Text] : line.Spans)
            {
                foreach (Match m in Grep().Matches(code))
                    yield return (line.Number, m.Groups["word"].Value, m.Groups["flags"].Value.Contains('i'), true);
                foreach (Match m in JsonLevel().Matches(code))
                    yield return (line.Number, m.Groups[1].Value, false, false);
                if (!line.InCode && LevelLike().IsMatch(code))
                    yield return (line.Number, code, false, false);
            }
        foreach (var paragraph in runbook.Paragraphs)
        {
            foreach (Match m in LogPhrases().Matches(paragraph.Text))
                foreach (Match span in InlineCode().Matches(m.Groups[1].Value))
                    yield return (paragraph.LineAt(m.Groups[1].Index + span.Index), span.Groups[1].Value, false, false);
            foreach (Match m in QuotedError().Matches(paragraph.Text))
                yield return (paragraph.LineAt(m.Groups[1].Index), m.Groups[1].Value, false, false);
        }
    }

    /// <summary>
    /// Whether the phrase can be read in a line the template renders. It may start and end anywhere in the message;
    /// a "…" of the phrase skips any text; a {Placeholder} of the template stands for "…" or for a value the code can
    /// log there — text that is one of src/Julia's string literals (whose own {holes} stand only for "…"), so
    /// "Integration Slack: on" fits "Integration {Name}: {State}" but "Redis gone" does not fit "… | Redis {Redis}".
    /// </summary>
    static bool LogMatches(string phrase, IReadOnlyList<char?> template, bool ignoreCase, IReadOnlyList<(string Text, List<char?> Items)> values)
    {
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        static bool Elided(string chunk, bool _, bool __) => chunk.All(c => c == '…' || char.IsWhiteSpace(c));
        var valueMemo = new Dictionary<(string, bool, bool), bool>();
        bool IsValue(string chunk, bool openStart, bool openEnd)
        {
            if (Elided(chunk, openStart, openEnd)) return true;
            if (valueMemo.TryGetValue((chunk, openStart, openEnd), out var known)) return known;
            var longest = chunk.Split('…').MaxBy(f => f.Length)!;
            return valueMemo[(chunk, openStart, openEnd)] = values.Any(v =>
                v.Text.Contains(longest, comparison) && Fits(chunk, v.Items, ignoreCase, anchoredStart: !openStart, anchoredEnd: !openEnd, Elided));
        }
        return Fits(phrase, template, ignoreCase, anchoredStart: false, anchoredEnd: false, IsValue);
    }

    /// <summary>
    /// Phrase against a parsed template (null = a placeholder): a placeholder takes the phrase's text only when
    /// value(text, text starts the phrase, text ends the phrase) says so.
    /// </summary>
    static bool Fits(string phrase, IReadOnlyList<char?> items, bool ignoreCase, bool anchoredStart, bool anchoredEnd,
        Func<string, bool, bool, bool> value)
    {
        var memo = new Dictionary<(int, int), bool>();
        bool Same(char a, char b) => ignoreCase ? char.ToLowerInvariant(a) == char.ToLowerInvariant(b) : a == b;
        // Where a placeholder's text may end: the phrase's end, a "…", or the character the template continues with.
        bool CanEndAt(int k, int t) => k == phrase.Length || phrase[k] == '…' || t + 1 >= items.Count || items[t + 1] is not { } next || Same(phrase[k], next);
        bool From(int p, int t)
        {
            if (p == phrase.Length) return !anchoredEnd || Enumerable.Range(t, items.Count - t).All(i => items[i] is null);
            if (memo.TryGetValue((p, t), out var known)) return known;
            bool result;
            if (phrase[p] == '…') result = From(p + 1, t) || (t < items.Count && From(p, t + 1));
            else if (t == items.Count) result = false;
            else if (items[t] is not { } c)
                result = From(p, t + 1)
                    || Enumerable.Range(p + 1, phrase.Length - p).Any(k => CanEndAt(k, t) && value(phrase[p..k], p == 0, k == phrase.Length) && From(k, t + 1));
            else result = Same(c, phrase[p]) && From(p + 1, t + 1);
            return memo[(p, t)] = result;
        }
        return anchoredStart ? From(0, 0) : Enumerable.Range(0, items.Count + 1).Any(start => From(0, start));
    }

    /// <summary>A message template or interpolated string as characters, each {hole} as null ({{ and }} are braces).</summary>
    static List<char?> TemplateItems(string template)
    {
        var items = new List<char?>();
        foreach (Match m in TemplatePart().Matches(template))
            if (m.Value.StartsWith('{') && !m.Value.StartsWith("{{", StringComparison.Ordinal)) items.Add(null);
            else items.AddRange(m.Value.Replace("{{", "{").Replace("}}", "}").Select(c => (char?)c));
        return items;
    }

    static List<(string Message, string? Level)> LogTemplates() =>
        SourceFiles().SelectMany(f => LoggerMessage().Matches(File.ReadAllText(f)))
            .Select(m => (Args: m.Groups["args"].Value, Message: MessageArgument().Match(m.Groups["args"].Value)))
            .Where(a => a.Message.Success)
            .Select(a => (a.Message.Groups["message"].Value.Replace("\\\"", "\"").Replace("\\\\", "\\"),
                LevelArgument().Match(a.Args) is { Success: true } level ? level.Groups["level"].Value : null))
            .ToList();

    /// <summary>LogLevel → the name the console formatter writes (ERROR, WARNING, INFO…).</summary>
    static Dictionary<string, string> LevelNames() =>
        FormatterLevel().Matches(File.ReadAllText(Path.Combine(Root, "src", "Julia", "Infrastructure", "Logging", "JuliaConsoleFormatter.cs")))
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    // ── 6. Cross-references ─────────────────────────────────────────────────────────────────────────────────────

    /// <summary>
    /// Every `veja "…"` points at a heading of the runbook: its title, with or without its "N. " number, or the start of
    /// it (an operator walk, 2026-12-03: "veja \"Webhook recusado\"" sent the reader to a section that never existed).
    /// </summary>
    [Fact]
    public void EveryCrossReferenceOfTheRunbookNamesOneOfItsHeadings()
    {
        var headings = Runbook.Lines.Where(l => !l.InCode && !l.IsFence && Heading().IsMatch(l.Text))
            .Select(l => Heading().Match(l.Text).Groups[2].Value.Replace("**" + UnderConstruction + "**", "").Trim())
            .SelectMany(t => new[] { t, NumberedHeading().Replace(t, "") })
            .ToList();
        var references = Runbook.Paragraphs.SelectMany(p => CrossReference().Matches(p.Text)
            .Select(m => (Line: p.LineAt(m.Index), Title: m.Groups[1].Value.Trim()))).ToList();
        Assert.True(references.Count > 3, $"only {references.Count} cross-references (veja \"…\") found");

        var dangling = references.Where(r => !headings.Any(h => h.StartsWith(r.Title, StringComparison.Ordinal)))
            .Select(r => $"line {r.Line}: veja \"{r.Title}\" names no heading of the runbook");

        Assert.Empty(dangling);
    }

    // ── 7. docker compose services ──────────────────────────────────────────────────────────────────────────────

    /// <summary>
    /// Every service a `docker compose logs|restart|start|stop|up|exec|run …` of the runbook names (`api`, `worker`,
    /// `redis`, `evolution`…) is a service of docker-compose.yml, the deployment the runbook is written for.
    /// </summary>
    [Theory]
    [MemberData(nameof(Runbooks))]
    public void EveryComposeServiceTheRunbookNamesIsOneOfDockerCompose(string file)
    {
        var services = ComposeServices();
        Assert.Contains("api", services);
        var mentions = ComposeServiceMentions(Parsed[file]).ToList();
        Assert.Contains(mentions, m => m.Service == "worker");

        var missing = mentions.Where(m => !services.Contains(m.Service))
            .Select(m => $"line {m.Line}: {m.Service} is no service of docker-compose.yml ({string.Join(", ", services)})").Distinct().ToList();

        Assert.True(missing.Count == 0, $"{file}:\n" + string.Join("\n", missing));
    }

    /// <summary>The names under docker-compose.yml's top-level `services:` (two-space indented keys).</summary>
    static HashSet<string> ComposeServices()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "docker-compose.yml"));
        var start = Array.IndexOf(lines, "services:");
        Assert.True(start >= 0, "docker-compose.yml has no top-level services:");
        return [.. lines.Skip(start + 1).TakeWhile(l => l.Length == 0 || char.IsWhiteSpace(l[0]) || l[0] == '#')
            .Select(l => ComposeServiceKey().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value)];
    }

    /// <summary>Services named after a compose verb, in code and in spans: for exec/run only the first (then the command).</summary>
    static IEnumerable<(int Line, string Service)> ComposeServiceMentions(RunbookText runbook)
    {
        foreach (var line in runbook.Lines.Where(l => !l.Skipped && !l.IsFence))
            foreach (var code in line.InCode ? [line.Text] : line.Spans)
                foreach (Match m in ComposeCommand().Matches(code))
                {
                    var names = m.Groups["rest"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(t => !t.StartsWith('-'));
                    if (m.Groups["verb"].Value is "exec" or "run") names = names.Take(1);
                    foreach (var name in names) yield return (line.Number, name);
                }
    }

    // ── 8. Values an operator reads in a response ───────────────────────────────────────────────────────────────

    /// <summary>
    /// `/health/circuits` writes each breaker's `estado` as its state's name in lower case (`closed`, `open`,
    /// `halfopen`); the runbook tells those words, never a translation the endpoint does not write (a runbook drill,
    /// 2026-12-07: "Circuito `fechado`" sent an operator grepping for a value that never appears).
    /// </summary>
    [Fact]
    public void TheRunbookNamesTheCircuitStatesAsHealthCircuitsWritesThem()
    {
        var written = Enum.GetNames<Julia.Infrastructure.Resilience.CircuitState>().Select(n => n.ToLowerInvariant()).ToList();
        var circuitLines = Runbook.Lines.Where(l => !l.InCode && l.Text.Contains("/health/circuits", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(circuitLines);

        var paragraph = string.Join("\n", Runbook.Lines.SkipWhile(l => !circuitLines.Contains(l)).TakeWhile(l => !l.IsFence).Take(12).Select(l => l.Text));
        var untold = written.Where(w => !paragraph.Contains($"`{w}`", StringComparison.Ordinal)).ToList();
        Assert.True(untold.Count == 0, $"{Adapted}: the /health/circuits paragraph does not name the states {string.Join(", ", untold)}");
        foreach (var translated in new[] { "`fechado`", "`aberto`", "`meio-aberto`" })
            Assert.DoesNotContain(translated, paragraph);
    }

    /// <summary>
    /// The webhooks' own 413 (over 1 MiB without the dropped media) has its own title, which the runbook quotes next to
    /// the framework's 30 MB "Corpo grande demais" (a runbook drill, 2026-12-07: the runbook gave only the latter).
    /// </summary>
    [Fact]
    public void TheRunbookQuotesTheWebhooksOwn413Title()
    {
        var titles = new[] { "src/Julia/WhatsApp/EvolutionWebhookEndpoints.cs", "src/Julia/Chatwoot/ChatwootWebhookEndpoints.cs" }
            .SelectMany(f => WebhookTooLarge().Matches(File.ReadAllText(Path.Combine(Root, f))).Select(m => m.Groups["title"].Value))
            .Distinct().ToList();
        Assert.NotEmpty(titles);
        var prose = string.Join(" ", Runbook.Lines.Where(l => !l.InCode).Select(l => l.Text));
        foreach (var title in titles) Assert.Contains($"413 \"{title}\"", prose);
    }

    [GeneratedRegex(@"Status413PayloadTooLarge,\s*title:\s*""(?<title>[^""]+)""")] private static partial Regex WebhookTooLarge();

    /// <summary>
    /// The table of `outcome_reason_code` values in "3. Fila congestionada" tells only values the code can write (each
    /// one a "string" or a SQL 'literal' somewhere in src/Julia), and has a row for every value a statement of src/Julia
    /// writes as a SQL literal (`outcome_reason_code = 'x'`, each branch of `= CASE … END`) and for the named constants
    /// the queue writes. A value passed as a parameter (`@reason`, `@ended_reason`) from a bare string is not traced: its
    /// row is added by hand.
    /// </summary>
    [Fact]
    public void TheRunbooksOutcomeReasonCodeTableTellsTheValuesTheCodeWrites()
    {
        var table = Runbook.Tables.Single(t => Cells(t.Header.Text)[0].Trim() == "outcome_reason_code");
        var documented = table.Rows.Select(r => Spans(Cells(r.Text)[0]).Single()).ToList();
        Assert.True(documented.Count > 10, $"only {documented.Count} rows in the outcome_reason_code table");
        Assert.Equal(documented.Count, documented.Distinct().Count());

        var sources = SourceFiles().Select(f => File.ReadAllText(f)).ToList();
        var unwritten = documented
            .Where(v => !sources.Any(s => s.Contains($"\"{v}\"", StringComparison.Ordinal) || s.Contains($"'{v}'", StringComparison.Ordinal)))
            .ToList();
        var written = sources.SelectMany(s => OutcomeReasonAssignment().Matches(s))
            .SelectMany(m => SqlLiteral().Matches(m.Groups["value"].Value).Select(l => l.Groups[1].Value))
            .Concat(new[] { Julia.Queue.DispatchStore.UnknownOutcome, Julia.Queue.QueueStore.WithdrawnReason, Julia.Queue.QueuePersonalData.ErasedReason,
                             Julia.Queue.LimitHold.Limit, Julia.Queue.LimitHold.RedisDown, Julia.Agent.Tools.ReminderShiftCheck.GoneReason })
            .Distinct().ToList();
        Assert.Contains("parte_anterior_falhou", written);
        Assert.Contains("tentativas_esgotadas", written);
        var untold = written.Where(v => !documented.Contains(v)).ToList();

        Assert.True(unwritten.Count == 0, $"{Adapted}: outcome_reason_code values in no \"string\" or SQL 'literal' of src/Julia: {string.Join(", ", unwritten)}");
        Assert.True(untold.Count == 0, $"{Adapted}: outcome_reason_code values src/Julia writes that the table does not tell: {string.Join(", ", untold)}");
    }

    [GeneratedRegex(@"outcome_reason_code\s*=\s*(?<value>CASE\b.*?\bEND\b|'[a-z_]+')", RegexOptions.Singleline)] private static partial Regex OutcomeReasonAssignment();
    [GeneratedRegex(@"'([a-z_]+)'")] private static partial Regex SqlLiteral();

    /// <summary>
    /// The customer's "Banco de Dados" and "Redis" blocks are bare SQL and bare `redis-cli`: the adapted runbook says where
    /// an operator runs them — `psql "$DATABASE_URL"`, and `redis-cli -u "$REDIS_URL"` when REDIS_URL has a password or a
    /// database other than 0 (a bare `redis-cli` then lists none of Júlia's keys, and its FLUSHDB empties another
    /// database) or `docker compose exec redis redis-cli` without one on the host (a runbook drill, 2026-12-07).
    /// </summary>
    [Fact]
    public void TheRunbookSaysWhereItsSqlAndRedisCommandsRun()
    {
        string Section(string heading) => string.Join("\n", Runbook.Lines
            .SkipWhile(l => l.Text != heading).Skip(1).TakeWhile(l => !l.Text.StartsWith("#", StringComparison.Ordinal) || l.InCode)
            .Select(l => l.Text));

        var database = Section("### Banco de Dados");
        var redis = Section("### Redis");
        Assert.Contains("SELECT COUNT(*) FROM fila_mensagens", database);
        Assert.Contains("FLUSHDB", redis);

        Assert.Contains("`psql \"$DATABASE_URL\"`", database);
        Assert.Contains("`redis-cli -u \"$REDIS_URL\"`", redis);
        Assert.Contains("`docker compose exec redis redis-cli`", redis);
    }

    // ── Reading ─────────────────────────────────────────────────────────────────────────────────────────────────

    static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(Root, "src", "Julia"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(d => d is "bin" or "obj"));

    static bool IsTableRow(RunbookLine line) => !line.InCode && line.Text.TrimStart().StartsWith('|');
    static bool IsBlank(RunbookLine line) => string.IsNullOrWhiteSpace(line.Text);
    static bool IsProse(RunbookLine line) => !line.InCode && !line.IsFence && !IsTableRow(line) && !Heading().IsMatch(line.Text);

    /// <summary>The cells of a table row (a `\|` inside a cell is not a separator).</summary>
    static List<string> Cells(string row)
    {
        var text = row.Trim();
        if (text.StartsWith('|')) text = text[1..];
        if (text.EndsWith('|') && !text.EndsWith("\\|", StringComparison.Ordinal)) text = text[..^1];
        return [.. CellSeparator().Split(text)];
    }

    static List<string> Spans(string text) => [.. InlineCode().Matches(text).Select(m => m.Groups[1].Value)];


    sealed record RunbookLine(int Number, string Text, bool InCode, bool IsFence, bool Skipped, string Section, string Subsection, IReadOnlyList<string> Spans);

    /// <summary>A run of adjacent table rows: the header, then (when well formed) the |---| row, then the Rows.</summary>
    sealed record RunbookTable(IReadOnlyList<RunbookLine> Block)
    {
        public RunbookLine Header => Block[0];
        public IEnumerable<RunbookLine> Rows => Block.Skip(2);
    }

    /// <summary>Consecutive prose lines joined by spaces, so a list of spans may wrap; knows which line an offset is on.</summary>
    sealed class RunbookParagraph(IReadOnlyList<RunbookLine> lines)
    {
        readonly int[] starts = [.. lines.Select((_, i) => lines.Take(i).Sum(l => l.Text.Trim().Length + 1))];

        public string Text { get; } = string.Join(" ", lines.Select(l => l.Text.Trim()));

        public int LineAt(int offset) => lines[Array.FindLastIndex(starts, s => s <= offset)].Number;
    }

    /// <summary>The runbook's lines with what a Markdown reader knows about each: code or prose, section, skipped.</summary>
    sealed class RunbookText
    {
        public List<RunbookLine> Lines { get; } = [];
        public List<string> FenceProblems { get; } = [];
        public int FenceCount { get; private set; }

        /// <summary>Runs of consecutive prose lines (not skipped, not headings).</summary>
        public IEnumerable<RunbookParagraph> Paragraphs
        {
            get
            {
                var run = new List<RunbookLine>();
                foreach (var line in Lines.Cast<RunbookLine?>().Append(null))
                {
                    if (line is { InCode: false, IsFence: false, Skipped: false } && !IsBlank(line) && !line.Text.StartsWith('#'))
                    {
                        run.Add(line);
                        continue;
                    }
                    if (run.Count > 0) yield return new RunbookParagraph([.. run]);
                    run = [];
                }
            }
        }

        public IEnumerable<RunbookTable> Tables
        {
            get
            {
                for (var i = 0; i < Lines.Count; i++)
                {
                    if (!IsTableRow(Lines[i])) continue;
                    var j = i;
                    while (j + 1 < Lines.Count && IsTableRow(Lines[j + 1])) j++;
                    yield return new RunbookTable(Lines[i..(j + 1)]);
                    i = j;
                }
            }
        }

        public static RunbookText Parse(string[] lines)
        {
            var doc = new RunbookText();
            string? openFence = null;
            var openedAt = 0;
            string section = "", subsection = "";
            var skipBelowLevel = 0; // a heading marked (em construção) skips its section: headings deeper than this level
            for (var i = 0; i < lines.Length; i++)
            {
                var text = lines[i];
                var trimmed = text.TrimStart();
                if (trimmed.StartsWith("```", StringComparison.Ordinal))
                {
                    doc.FenceCount++;
                    if (openFence is null) (openFence, openedAt) = (trimmed, i + 1);
                    else if (trimmed.TrimEnd().All(c => c == '`')) openFence = null;
                    else doc.FenceProblems.Add($"line {i + 1}: \"{text}\" does not close the code block opened on line {openedAt} (a closing ``` stands alone)");
                    doc.Lines.Add(new RunbookLine(i + 1, text, false, true, true, section, subsection, []));
                    continue;
                }
                if (openFence is null && Heading().Match(text) is { Success: true } heading)
                {
                    var level = heading.Groups[1].Length;
                    var title = heading.Groups[2].Value.Replace("**" + UnderConstruction + "**", "").Replace(UnderConstruction, "").Trim();
                    if (level == 2) (section, subsection) = (title, "");
                    else if (level == 3) subsection = title;
                    if (skipBelowLevel > 0 && level <= skipBelowLevel) skipBelowLevel = 0;
                    if (skipBelowLevel == 0 && text.Contains(UnderConstruction)) skipBelowLevel = level;
                }
                var skipped = skipBelowLevel > 0 || text.Contains(UnderConstruction);
                var spans = openFence is null ? Spans(text) : [];
                doc.Lines.Add(new RunbookLine(i + 1, text, openFence is not null, false, skipped, section, subsection, spans));
            }
            if (openFence is not null) doc.FenceProblems.Add($"the code block opened on line {openedAt} (\"{openFence}\") never closes");
            return doc;
        }
    }

    // ── Patterns ────────────────────────────────────────────────────────────────────────────────────────────────

    [GeneratedRegex(@"^(#{1,6})\s+(.*)$")] private static partial Regex Heading();
    [GeneratedRegex(@"^\d+\.\s+")] private static partial Regex NumberedHeading();
    [GeneratedRegex(@"\b[Vv]eja\s+""([^""]+)""")] private static partial Regex CrossReference();
    [GeneratedRegex("`([^`]+)`")] private static partial Regex InlineCode();
    [GeneratedRegex(@"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")] private static partial Regex DelimiterRow();
    [GeneratedRegex(@"(?<!\\)\|")] private static partial Regex CellSeparator();

    [GeneratedRegex(@"\b(GET|POST|PUT|PATCH|DELETE)\s+(/[^\s`'""),;]*)")] private static partial Regex MethodAndPath();
    [GeneratedRegex(@"https?://[^/\s:'""`]+:8000(/[^\s`'""),;]*)?")] private static partial Regex JuliaUrl();
    [GeneratedRegex(@"\bcurl\b.*?\s-X\s+([A-Z]+)\b[^|]*$")] private static partial Regex CurlMethod();
    [GeneratedRegex(@":(8080|3000)\b")] private static partial Regex ForeignPort();
    [GeneratedRegex(@"^/[A-Za-z][^\s]*$")] private static partial Regex BarePath();
    [GeneratedRegex(@"^(<[^>]*>|\{[^}]*\}|…|\.\.\.)$")] private static partial Regex Placeholder();
    [GeneratedRegex(@"^\{(?<catchall>\*{0,2})(?<name>[^}:?=*]+)(:(?<constraint>[^}:?=]+))*(=[^}]*)?(?<optional>\?)?\}$")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$")] private static partial Regex EnvironmentVariableName();
    [GeneratedRegex(@"^[A-Z][A-Z0-9_]*$")] private static partial Regex UpperCaseToken();
    [GeneratedRegex(@"(?<![\w$])([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)=")] private static partial Regex AssignedVariable();
    [GeneratedRegex(@"\$\{?([A-Z][A-Z0-9_]*)\}?")] private static partial Regex ExpandedVariable();
    [GeneratedRegex(@"\$\{(JULIA_[A-Z0-9_]+):-")] private static partial Regex ScriptVariableRead();

    [GeneratedRegex(@"(?:^|\s)(?:redis-cli(?:\s+-{1,2}[a-z]+(?:\s+[\w.]+)?)*\s+)?(?:KEYS|TTL|PTTL|GET|HGETALL|HGET|DEL|EXISTS|TYPE|SMEMBERS|LRANGE|ZRANGE)\s+(""[^""]+""|'[^']+'|[^\s""']+)")]
    private static partial Regex RedisCommand();
    [GeneratedRegex(@"^[a-z][a-z_]*:[^\s]*$")] private static partial Regex RedisKey();
    [GeneratedRegex(@"\$?@?""((?:[^""\\\r\n]|\\.)*)""")] private static partial Regex StringLiteral();

    [GeneratedRegex(@"\bgrep(?<flags>(?:\s+-[A-Za-z]+)*)\s+(?:""(?<word>[^""]+)""|'(?<word>[^']+)'|(?<word>[^\s|;)`'""]+))")] private static partial Regex Grep();
    [GeneratedRegex(@"""level""\s*:\s*""([A-Z]+)""")] private static partial Regex JsonLevel();
    [GeneratedRegex(@"^(ERROR|WARNING|WARN|INFO|DEBUG|TRACE|CRITICAL|FATAL)$")] private static partial Regex LevelLike();
    [GeneratedRegex(@"\b(?:log|logs|linha|linhas)(?:\s+com)?\s+((?:`[^`]+`(?:\s*(?:,|\(|\bou\b|\be\b)\s*)*)+)")] private static partial Regex LogPhrases();
    [GeneratedRegex(@"<[^>]*>|\.\.\.")] private static partial Regex PhrasePlaceholder();
    [GeneratedRegex(@"\bErro\s+""([^""]+)""")] private static partial Regex QuotedError();
    [GeneratedRegex(@"\bdocker[ -]compose\s+(?<verb>logs|restart|start|stop|up|exec|run)\b(?<rest>[^|;&#`]*)")] private static partial Regex ComposeCommand();
    [GeneratedRegex(@"^  ([A-Za-z0-9][\w.-]*):\s*$")] private static partial Regex ComposeServiceKey();
    [GeneratedRegex(@"\{\{|\}\}|\{[^{}]*\}|[^{}]+|[{}]")] private static partial Regex TemplatePart();
    [GeneratedRegex(@"\[LoggerMessage\((?<args>(?:[^""\]]|""(?:[^""\\]|\\.)*"")*)\)\]")] private static partial Regex LoggerMessage();
    [GeneratedRegex(@"\bMessage\s*=\s*""(?<message>(?:[^""\\]|\\.)*)""")] private static partial Regex MessageArgument();
    [GeneratedRegex(@"\bLevel\s*=\s*LogLevel\.(?<level>\w+)")] private static partial Regex LevelArgument();
    [GeneratedRegex(@"LogLevel\.(\w+)\s*=>\s*""([A-Z]+)""")] private static partial Regex FormatterLevel();
}

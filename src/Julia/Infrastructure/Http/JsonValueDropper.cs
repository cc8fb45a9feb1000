namespace Julia.Infrastructure.Http;

/// <summary>
/// Copies a JSON document while reading it, leaving out the values of properties with the given names, at any depth: a
/// string becomes empty (`"base64": "…"` → `"base64": ""`), an object or array is emptied (`"jpegThumbnail": {"0":255,…}`
/// → `"jpegThumbnail": {}`); numbers, booleans and null stay. Streaming and byte by byte: a body of any size is read with
/// constant memory, and the chunks may split it anywhere. It does not validate: the copy is parsed afterwards, and a
/// malformed input stays malformed. Names written with escapes (`\u0062ase64`) are not recognised.
/// </summary>
internal sealed class JsonValueDropper
{
    readonly byte[][] names;
    readonly byte[] current; // the current string's bytes, as far as they could still be one of the names
    State state = State.Outside;
    int matched;       // bytes of the current string kept in `current`
    bool mismatch;     // the current string is none of the names
    bool candidate;    // the string just closed is one of the names; a colon makes it a property name
    int depth;         // brackets open inside the object or array being left out

    public JsonValueDropper(params string[] propertyNames)
    {
        names = [.. propertyNames.Select(System.Text.Encoding.UTF8.GetBytes)];
        current = new byte[names.Max(n => n.Length)];
    }

    enum State { Outside, InString, InStringEscape, AfterString, AfterColon, Dropping, DroppingEscape, DroppingContainer, DroppingContainerString, DroppingContainerEscape }

    /// <summary>Bytes left out so far.</summary>
    public long Dropped { get; private set; }

    public void Process(ReadOnlySpan<byte> input, Stream output)
    {
        var runStart = 0;
        for (var i = 0; i < input.Length; i++)
        {
            var b = input[i];
            switch (state)
            {
                case State.Dropping:
                    if (b == (byte)'\\') state = State.DroppingEscape;
                    else if (b == (byte)'"') { state = State.Outside; runStart = i; continue; }
                    Dropped++;
                    runStart = i + 1;
                    continue;
                case State.DroppingEscape:
                    state = State.Dropping;
                    Dropped++;
                    runStart = i + 1;
                    continue;
                case State.DroppingContainer:
                    if (b == (byte)'"') state = State.DroppingContainerString;
                    else if (b is (byte)'{' or (byte)'[') depth++;
                    else if (b is (byte)'}' or (byte)']' && --depth == 0) { state = State.Outside; runStart = i; continue; }
                    Dropped++;
                    runStart = i + 1;
                    continue;
                case State.DroppingContainerString:
                    if (b == (byte)'\\') state = State.DroppingContainerEscape;
                    else if (b == (byte)'"') state = State.DroppingContainer;
                    Dropped++;
                    runStart = i + 1;
                    continue;
                case State.DroppingContainerEscape:
                    state = State.DroppingContainerString;
                    Dropped++;
                    runStart = i + 1;
                    continue;
                case State.InString:
                    if (b == (byte)'\\') { state = State.InStringEscape; mismatch = true; }
                    else if (b == (byte)'"') { state = State.AfterString; candidate = !mismatch && IsName(current.AsSpan(0, matched)); }
                    else if (!mismatch && matched < current.Length) current[matched++] = b;
                    else mismatch = true;
                    continue;
                case State.InStringEscape:
                    state = State.InString;
                    continue;
                case State.AfterString:
                    if (IsWhitespace(b)) continue;
                    if (b == (byte)':' && candidate) { state = State.AfterColon; continue; }
                    state = State.Outside;
                    break; // read again as outside a string
                case State.AfterColon:
                    if (IsWhitespace(b)) continue;
                    if (b is (byte)'"' or (byte)'{' or (byte)'[')
                    {
                        output.Write(input[runStart..(i + 1)]);
                        state = b == (byte)'"' ? State.Dropping : State.DroppingContainer;
                        depth = 1;
                        runStart = i + 1;
                        continue;
                    }
                    state = State.Outside;
                    break;
            }
            if (b == (byte)'"') { state = State.InString; matched = 0; mismatch = false; }
        }
        if (runStart < input.Length) output.Write(input[runStart..]);
    }

    bool IsName(ReadOnlySpan<byte> text)
    {
        foreach (var name in names)
            if (text.SequenceEqual(name)) return true;
        return false;
    }

    static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';
}

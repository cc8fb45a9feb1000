namespace Julia.Infrastructure.Http;

/// <summary>
/// Copies a JSON document while reading it, leaving out the string values of properties with one given name
/// (`"base64": "…"` becomes `"base64": ""`), at any depth. Streaming and byte by byte: a body of any size is read with
/// constant memory, and the chunks may split it anywhere. It does not validate: the copy is parsed afterwards, and a
/// malformed input stays malformed. Names written with escapes (`\u0062ase64`) are not recognised.
/// </summary>
internal sealed class JsonStringDropper(string propertyName)
{
    readonly byte[] name = System.Text.Encoding.UTF8.GetBytes(propertyName);
    State state = State.Outside;
    int matched;       // bytes of the current string that match the name so far
    bool mismatch;     // the current string is not the name
    bool candidate;    // the string just closed is the name; a colon makes it a property name

    enum State { Outside, InString, InStringEscape, AfterString, AfterColon, Dropping, DroppingEscape }

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
                case State.InString:
                    if (b == (byte)'\\') { state = State.InStringEscape; mismatch = true; }
                    else if (b == (byte)'"') { state = State.AfterString; candidate = !mismatch && matched == name.Length; }
                    else if (!mismatch && matched < name.Length && b == name[matched]) matched++;
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
                    if (b == (byte)'"')
                    {
                        output.Write(input[runStart..(i + 1)]);
                        state = State.Dropping;
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

    static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';
}

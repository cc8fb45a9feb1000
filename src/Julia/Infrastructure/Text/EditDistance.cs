namespace Julia.Infrastructure.Text;

/// <summary>
/// How many typing slips turn one word into another: a letter added, dropped or changed, or two neighbours swapped
/// (Damerau–Levenshtein, optimal string alignment). Allocation-free for words; used by the detectors' typo tolerance and
/// by the staff commands' near-miss answer.
/// </summary>
internal static class EditDistance
{
    public static int Of(string a, string b)
    {
        Span<int> prev2 = stackalloc int[b.Length + 1], prev = stackalloc int[b.Length + 1], row = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                row[j] = Math.Min(Math.Min(prev[j] + 1, row[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) row[j] = Math.Min(row[j], prev2[j - 2] + 1);
            }
            prev.CopyTo(prev2);
            row.CopyTo(prev);
        }
        return prev[b.Length];
    }
}

using System.Text.RegularExpressions;

namespace Julia.Conversations.Text;

/// <summary>
/// Sixty-second blind set (docs/detection-history.md#triggers): the company called names in the words the older pieces missed
/// ("empresa vergonhosa", "empresa de araque", "firma de meia tigela"), as "empresa de fundo de quintal" is; not denied ("não é
/// empresa de araque").
/// </summary>
internal static partial class HandoffTriggerDetector
{
    [GeneratedRegex(@"(?<!\bnao (e |eh |sao )?(uma |um )?)\b(empresa|empresas|empresinha|agencia|firma)( de voces)? (vergonhosa|vergonhosas|de araque|de meia tigela|de quinta categoria)\b", RegexOptions.CultureInvariant)]
    private static partial Regex VeryStrong25();
}

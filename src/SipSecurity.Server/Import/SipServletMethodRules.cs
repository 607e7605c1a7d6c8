using System.Xml.Linq;
using SipSecurity.Server.Configuration;

namespace SipSecurity.Server.Import;

/// <summary>
/// Which SIP methods a sip.xml servlet gets, since sip.xml maps requests by rules and SipSecurity by method:
/// 1. its &lt;servlet-mapping&gt; patterns, when every condition is request.method equal to a value
///    (alone or inside &lt;or&gt;);
/// 2. else the sip-methods of the file's resource-collections that name it (when all of them list methods);
/// 3. else, for the main servlet or the file's only servlet: REGISTER for a Registrar, '*' for a Proxy;
///    a Registrar elsewhere gets REGISTER too;
/// 4. otherwise the methods cannot be determined: an error asking for a request.method servlet-mapping.
/// </summary>
internal static class SipServletMethodRules
{
    public static IReadOnlyList<string> FromMapping(IEnumerable<XElement> patterns, List<string> warnings, string path)
    {
        var methods = new List<string>();
        foreach (var pattern in patterns)
        {
            var found = new List<string>();
            if (TryCollect(pattern.Elements(), found))
            {
                methods.AddRange(found);
            }
            else
            {
                warnings.Add($"{pattern.At(path)}: this servlet-mapping pattern uses conditions other than request.method and is not imported as a method mapping.");
            }
        }

        return methods.Select(NameRules.NormalizeMethod).Distinct(StringComparer.Ordinal).ToArray();
    }

    public static IReadOnlyList<string> Default(SipServletKind kind, bool mainOrOnly, SourceLocation location, string name)
    {
        if (kind == SipServletKind.Registrar)
        {
            return ["REGISTER"];
        }

        if (mainOrOnly)
        {
            return [SipServlet.AnyMethod];
        }

        throw location.Error("ServletMethodsUnknown", SipErrorKind.InvalidData,
            $"the SIP methods of servlet '{name}' cannot be determined: add a <servlet-mapping> whose pattern is <equal><var>request.method</var><value>METHOD</value></equal> (or an <or> of those), or a security-constraint naming it with <sip-method>s.");
    }

    private static bool TryCollect(IEnumerable<XElement> conditions, List<string> methods)
    {
        foreach (var condition in conditions)
        {
            switch (condition.Name.LocalName)
            {
                case "or":
                    if (!TryCollect(condition.Elements(), methods))
                    {
                        return false;
                    }

                    break;
                case "equal" when condition.ChildText("var") == "request.method" && condition.ChildText("value") is { } value:
                    methods.Add(value);
                    break;
                default:
                    return false;
            }
        }

        return methods.Count > 0;
    }
}

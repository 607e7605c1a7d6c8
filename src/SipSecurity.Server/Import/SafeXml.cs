using System.Xml;
using System.Xml.Linq;

namespace SipSecurity.Server.Import;

/// <summary>
/// Loads import XML with line numbers and without the parser's dangerous features: DTDs are refused
/// (no entity expansion, no external entities) and nothing is ever fetched.
/// </summary>
internal static class SafeXml
{
    private const long MaxCharacters = 16 * 1024 * 1024;

    public static XDocument Load(string path)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxCharacters,
            MaxCharactersFromEntities = 0,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
        };
        try
        {
            using var reader = XmlReader.Create(File.OpenRead(path), settings);
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException exception)
        {
            var location = new SourceLocation(path, exception.LineNumber);
            if (exception.Message.Contains("DTD", StringComparison.Ordinal))
            {
                throw location.Error("XmlDtdProhibited", SipErrorKind.SecurityError,
                    "the file has a document type definition (<!DOCTYPE>). DTDs are refused because they can expand entities and fetch external files; remove the <!DOCTYPE ...> declaration and import again.");
            }

            throw location.Error("InvalidXml", SipErrorKind.InvalidData, $"not well-formed XML: {exception.Message}");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new SipSecurityException("ImportFileUnreadable", SipErrorKind.ResourceUnavailable,
                $"{Path.GetFileName(path)}: cannot be read: {exception.Message}", path, exception);
        }
    }

    /// <summary>Where an element starts in its file.</summary>
    public static SourceLocation At(this XObject node, string path) =>
        new(path, node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0);

    /// <summary>Child elements with this local name, in any namespace (sip.xml 1.0 has none, 1.1 has one).</summary>
    public static IEnumerable<XElement> Children(this XElement element, string localName) =>
        element.Elements().Where(e => e.Name.LocalName == localName);

    public static XElement? Child(this XElement element, string localName) => element.Children(localName).FirstOrDefault();

    /// <summary>The trimmed text of a child element, or null when it is absent or empty.</summary>
    public static string? ChildText(this XElement element, string localName)
    {
        var text = element.Child(localName)?.Value.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }
}

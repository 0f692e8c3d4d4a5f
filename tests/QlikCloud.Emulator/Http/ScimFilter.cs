namespace QlikCloud.Emulator.Http;

/// <summary>
/// The subset of SCIM filters (RFC 7644 §3.4.2.2) Qlik's list endpoints take: <c>attr op "value"</c> with
/// eq/ne/co/sw/ew, joined by and/or, with parentheses. Values must be quoted; anything else is a parse error (400).
/// </summary>
internal sealed class ScimFilter
{
    private readonly List<string> _tokens;
    private readonly IReadOnlyList<string> _attributes;
    private readonly Func<string, StringComparison> _comparison;
    private int _position;

    private ScimFilter(List<string> tokens, IReadOnlyList<string> attributes, Func<string, StringComparison> comparison)
    {
        _tokens = tokens;
        _attributes = attributes;
        _comparison = comparison;
    }

    /// <summary>Parses <paramref name="text"/> into a predicate over an attribute accessor.</summary>
    public static Func<Func<string, string?>, bool>? TryParse(string text, IReadOnlyList<string> attributes, Func<string, StringComparison> comparison, out string error)
    {
        error = "";
        try
        {
            var parser = new ScimFilter(Tokenize(text), attributes, comparison);
            var predicate = parser.ParseOr();
            if (parser._position != parser._tokens.Count)
            {
                throw new FormatException($"unexpected '{parser._tokens[parser._position]}'");
            }
            return predicate;
        }
        catch (FormatException ex)
        {
            error = $"invalid filter: {ex.Message}";
            return null;
        }
    }

    private Func<Func<string, string?>, bool> ParseOr()
    {
        var left = ParseAnd();
        while (TryKeyword("or"))
        {
            var (a, b) = (left, ParseAnd());
            left = get => a(get) || b(get);
        }
        return left;
    }

    private Func<Func<string, string?>, bool> ParseAnd()
    {
        var left = ParseTerm();
        while (TryKeyword("and"))
        {
            var (a, b) = (left, ParseTerm());
            left = get => a(get) && b(get);
        }
        return left;
    }

    private Func<Func<string, string?>, bool> ParseTerm()
    {
        var token = Next("an attribute");
        if (token == "(")
        {
            var inner = ParseOr();
            if (Next("')'") != ")")
            {
                throw new FormatException("expected ')'");
            }
            return inner;
        }
        var attribute = _attributes.FirstOrDefault(a => string.Equals(a, token, StringComparison.OrdinalIgnoreCase))
            ?? throw new FormatException($"unknown attribute '{token}'; filterable: {string.Join(", ", _attributes)}");
        var op = Next("an operator").ToLowerInvariant();
        var literal = Next("a value");
        if (literal.Length < 2 || literal[0] != '"')
        {
            throw new FormatException($"the value of '{attribute}' must be a quoted string");
        }
        var value = literal[1..];
        var comparison = _comparison(attribute);
        Func<string, bool> test = op switch
        {
            "eq" => actual => string.Equals(actual, value, comparison),
            "ne" => actual => !string.Equals(actual, value, comparison),
            "co" => actual => actual.Contains(value, comparison),
            "sw" => actual => actual.StartsWith(value, comparison),
            "ew" => actual => actual.EndsWith(value, comparison),
            _ => throw new FormatException($"unsupported operator '{op}'"),
        };
        return get => test(get(attribute) ?? "");
    }

    private bool TryKeyword(string keyword)
    {
        if (_position < _tokens.Count && string.Equals(_tokens[_position], keyword, StringComparison.OrdinalIgnoreCase))
        {
            _position++;
            return true;
        }
        return false;
    }

    private string Next(string expected) =>
        _position < _tokens.Count ? _tokens[_position++] : throw new FormatException($"expected {expected} at the end");

    /// <summary>Splits into words, parentheses and quoted strings; a quoted token keeps its opening quote as a marker.</summary>
    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (c == '"')
            {
                var value = new System.Text.StringBuilder("\"");
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException("unterminated quoted string");
                    }
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        value.Append(text[i + 1]);
                        i += 2;
                    }
                    else if (text[i] == '"')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        value.Append(text[i++]);
                    }
                }
                tokens.Add(value.ToString());
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')' or '"'))
                {
                    i++;
                }
                tokens.Add(text[start..i]);
            }
        }
        if (tokens.Count == 0)
        {
            throw new FormatException("the filter is empty");
        }
        return tokens;
    }
}

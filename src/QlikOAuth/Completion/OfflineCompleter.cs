using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace QlikOAuth.Completion
{
    /// <summary>Completes from a fixed list (the engine's constants): no tenant call, so it is instant and works offline.</summary>
    public abstract class OfflineCompleter : IArgumentCompleter
    {
        protected abstract IEnumerable<string> Values { get; }

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionValues.Matching(Values, wordToComplete).Select(value => CompletionValues.Result(value, value));
    }

    /// <summary>Shared by the offline and live completers: prefix matching and quoting.</summary>
    internal static class CompletionValues
    {
        public static IEnumerable<string> Matching(IEnumerable<string> values, string? wordToComplete)
        {
            string prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return values.Where(value => value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.Ordinal);
        }

        /// <summary>Quotes values PowerShell would otherwise split or parse (spaces, colons in scopes are fine).</summary>
        public static CompletionResult Result(string value, string toolTip, string? listItemText = null)
        {
            // '@' only starts a splat at the front: an email completes bare.
            bool needsQuotes = value.StartsWith("@", StringComparison.Ordinal) || value.Any(c => char.IsWhiteSpace(c) || "'\"`$();,{}#|&<>".IndexOf(c) >= 0);
            string text = needsQuotes ? "'" + value.Replace("'", "''") + "'" : value;
            return new CompletionResult(text, listItemText ?? value, CompletionResultType.ParameterValue, string.IsNullOrEmpty(toolTip) ? value : toolTip);
        }
    }
}

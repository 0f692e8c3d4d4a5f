using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Infrastructure
{
    /// <summary>
    /// Base of Import- and Sync-QlikOAuthClient: client definitions from files (-Path, wildcards, or files piped from
    /// Get-ChildItem) or as JSON text (-Definition, or Export-QlikOAuthClient's output piped in), read strictly.
    /// </summary>
    public abstract class ClientDefinitionCmdlet : OAuthClientCmdlet
    {
        internal const string PathSet = "Path";
        internal const string DefinitionSet = "Definition";

        private int _pipedCount;

        /// <summary>Definition files (JSON, as Export-QlikOAuthClient -Path writes them); wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = null!;

        /// <summary>Definitions as JSON text, such as the output of Export-QlikOAuthClient.</summary>
        [Parameter(Mandatory = true, ParameterSetName = DefinitionSet, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public string[] Definition { get; set; } = null!;

        /// <summary>Let a scope this module does not know through (one Qlik added lately); default: refuse it as a typo.</summary>
        [Parameter]
        public SwitchParameter AllowUnknownScope { get; set; }

        /// <summary>
        /// The definitions bound to this pipeline item, each read strictly; one that cannot be read is written as an
        /// error naming its file (or pipeline position) and member, and left out. <paramref name="failed"/> tells.
        /// </summary>
        internal List<ClientDefinition> ReadDefinitions(out bool failed)
        {
            bool anyFailed = false;
            var definitions = new List<ClientDefinition>();
            void Read(Func<string> text, string source)
            {
                if (TryEngine(() => ClientDefinitionJson.Read(text(), source), source, out ClientDefinition definition))
                {
                    definitions.Add(definition);
                }
                else
                {
                    anyFailed = true;
                }
            }

            if (ParameterSetName == DefinitionSet)
            {
                foreach (string text in Definition)
                {
                    Read(() => text, $"definition {++_pipedCount}");
                }
            }
            else
            {
                foreach (string pattern in Path)
                {
                    if (!TryEngine(() => Files(pattern), pattern, out IEnumerable<string> files))
                    {
                        anyFailed = true;
                        continue;
                    }

                    foreach (string file in files)
                    {
                        Read(() => File.ReadAllText(file), System.IO.Path.GetFileName(file));
                    }
                }
            }

            failed = anyFailed;
            return definitions;
        }

        private IEnumerable<string> Files(string pattern)
        {
            try
            {
                return SessionState.Path.GetResolvedProviderPathFromPSPath(pattern, out _);
            }
            catch (ItemNotFoundException)
            {
                throw new QlikValidationException(ClientErrors.DefinitionFileNotFound, $"No definition file matches '{pattern}'. Export definitions with Export-QlikOAuthClient -Path, or check the path.", pattern);
            }
        }
    }
}

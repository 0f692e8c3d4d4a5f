using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace QlikOAuth.Isolation
{
    /// <summary>
    /// Loads the engine and its third-party dlls (Microsoft.IdentityModel.*, ...) from the module's
    /// dependencies folder into a context of their own, so another module's copies in the default
    /// context (Az.Accounts, Microsoft.Graph) neither break nor are broken by ours.
    /// </summary>
    internal sealed class DependencyLoadContext : AssemblyLoadContext
    {
        private readonly string _dependencyDirectory;
        private readonly string _frameworkDirectory;

        public DependencyLoadContext(string dependencyDirectory)
            : base("QlikOAuth", isCollectible: false)
        {
            _dependencyDirectory = dependencyDirectory;
            _frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            // Framework assemblies (System.Text.Json, System.Memory, ...) come from the running .NET:
            // loading the netstandard copies we ship for Windows PowerShell would duplicate core types.
            if (File.Exists(Path.Combine(_frameworkDirectory, assemblyName.Name + ".dll")))
            {
                return null;
            }

            string candidate = Path.Combine(_dependencyDirectory, assemblyName.Name + ".dll");
            return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
        }
    }

    /// <summary>Called once by the module's initializer through reflection (the cmdlet assembly is netstandard2.0).</summary>
    public static class DependencyIsolation
    {
        private static readonly object Gate = new object();
        private static DependencyLoadContext? _context;

        /// <summary>
        /// Routes the default context's failed lookups of the engine to our own context. Only the engine is
        /// bridged: everything it needs is then resolved inside <see cref="DependencyLoadContext"/>.
        /// </summary>
        public static void Install(string dependencyDirectory, string bridgeAssemblyName)
        {
            lock (Gate)
            {
                if (_context != null)
                {
                    return;
                }

                var context = new DependencyLoadContext(dependencyDirectory);
                AssemblyLoadContext.Default.Resolving += (_, name) =>
                    string.Equals(name.Name, bridgeAssemblyName, StringComparison.Ordinal)
                        ? context.LoadFromAssemblyName(name)
                        : null;
                _context = context;
            }
        }
    }
}

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

        protected override Assembly? Load(AssemblyName assemblyName) =>
            IsOurs(assemblyName) ? LoadFromAssemblyPath(PathOf(assemblyName)) : null;

        /// <summary>
        /// A dll we ship that the running .NET does not provide. Framework assemblies (System.Text.Json,
        /// System.Memory, ...) come from the runtime: loading the netstandard copies we ship for Windows
        /// PowerShell would duplicate core types.
        /// </summary>
        public bool IsOurs(AssemblyName assemblyName) =>
            !File.Exists(Path.Combine(_frameworkDirectory, assemblyName.Name + ".dll")) && File.Exists(PathOf(assemblyName));

        private string PathOf(AssemblyName assemblyName) => Path.Combine(_dependencyDirectory, assemblyName.Name + ".dll");
    }

    /// <summary>Called once by the module's initializer through reflection (the cmdlet assembly is netstandard2.0).</summary>
    public static class DependencyIsolation
    {
        private static readonly object Gate = new object();
        private static DependencyLoadContext? _context;

        /// <summary>
        /// Routes the default context's failed lookups of our dlls (the engine, and the few dependency types
        /// the cmdlets see, such as TimeProvider on netstandard) to our own context, so the cmdlets and the
        /// engine share one copy of each. Only lookups the default context could not satisfy itself arrive here,
        /// so another module's own copies are never replaced by ours.
        /// </summary>
        public static void Install(string dependencyDirectory)
        {
            lock (Gate)
            {
                if (_context != null)
                {
                    return;
                }

                var context = new DependencyLoadContext(dependencyDirectory);
                AssemblyLoadContext.Default.Resolving += (_, name) =>
                    context.IsOurs(name) ? context.LoadFromAssemblyName(name) : null;
                _context = context;
            }
        }
    }
}

using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace QlikOAuth.Infrastructure
{
    /// <summary>
    /// Runs when PowerShell imports the module, before any cmdlet touches the engine. The engine and its
    /// third-party dlls live in dependencies/ (not beside this dll), so the runtime cannot find them by
    /// itself and asks us:
    ///   PowerShell 7: an AssemblyLoadContext of our own (QlikOAuth.Isolation.dll) holds them apart.
    ///   Windows PowerShell 5.1: an AssemblyResolve handler loads them, tolerant of the requested version.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string DependencyDirectory =
            Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!, "dependencies");

        private static bool _resolverInstalled;

        public void OnImport()
        {
            if (_resolverInstalled)
            {
                return;
            }

            if (IsCoreClr)
            {
                Assembly isolation = Assembly.LoadFrom(Path.Combine(DependencyDirectory, "QlikOAuth.Isolation.dll"));
                isolation.GetType("QlikOAuth.Isolation.DependencyIsolation", throwOnError: true)!
                    .GetMethod("Install", BindingFlags.Public | BindingFlags.Static)!
                    .Invoke(null, new object[] { DependencyDirectory });
            }
            else
            {
                AppDomain.CurrentDomain.AssemblyResolve += ResolveFromDependencies;
            }

            _resolverInstalled = true;
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            // The PowerShell 7 context stays: an assembly cannot be unloaded from a non-collectible
            // context and a re-import must find the same engine. On 5.1 the handler goes with the module.
            if (!IsCoreClr)
            {
                AppDomain.CurrentDomain.AssemblyResolve -= ResolveFromDependencies;
                _resolverInstalled = false;
            }
        }

        private static bool IsCoreClr => Type.GetType("System.Runtime.Loader.AssemblyLoadContext") != null;

        private static Assembly? ResolveFromDependencies(object? sender, ResolveEventArgs args)
        {
            string name = new AssemblyName(args.Name).Name!;
            string candidate = Path.Combine(DependencyDirectory, name + ".dll");
            return File.Exists(candidate) ? Assembly.LoadFile(candidate) : null;
        }
    }
}

using System;

namespace QlikOAuth.Engine.Keys
{
    /// <summary>Overwrites arrays that held private key numbers, passwords or derived keys once they are no longer needed.</summary>
    internal static class SensitiveBytes
    {
        public static void Clear(params byte[]?[] arrays)
        {
            foreach (var array in arrays)
            {
                if (array is not null)
                {
                    Array.Clear(array, 0, array.Length);
                }
            }
        }
    }
}

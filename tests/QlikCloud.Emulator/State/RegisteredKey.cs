using System.Text.Json.Nodes;

namespace QlikCloud.Emulator.State;

/// <summary>A validated public JWK. <see cref="Jwk"/> is kept as registered so reads echo it back unchanged.</summary>
internal sealed record RegisteredKey(string Kid, string Kty, string Alg, JsonObject Jwk, byte[] RsaModulus, byte[] RsaExponent, byte[] EcX, byte[] EcY);

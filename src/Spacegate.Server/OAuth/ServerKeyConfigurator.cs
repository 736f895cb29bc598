using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using Spacegate.Server.Data;
using Spacegate.Server.OAuth.Keys;

namespace Spacegate.Server.OAuth;

/// <summary>
/// Gives OpenIddict the token signing and encryption keys stored in the database (<see cref="TokenKeyRing"/>),
/// so every node behind a load balancer reads and writes the same tokens. Tokens are reference tokens
/// whose payloads never leave the server, so symmetric keys (HMAC-SHA256, AES key wrap) are enough
/// and keep token issuance cheap. OpenIddict signs and encrypts with the first key of each list and
/// validates with any: the active generation comes first, pending and retired ones after it. Runs again
/// whenever the ring drops the cached options because the key set changed.
/// </summary>
public sealed class ServerKeyConfigurator(TokenKeyRing ring, SharedKeys keys) : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        var (signing, encryption) = ring.AllCredentials();
        foreach (var generation in signing)
        {
            var key = new SymmetricSecurityKey(generation.Key) { KeyId = generation.KeyId };
            options.SigningCredentials.Add(new SigningCredentials(key, SecurityAlgorithms.HmacSha256));
        }

        // OpenIddict insists on one asymmetric key (it would sign identity tokens, which Spacegate never issues).
        // It comes after the symmetric keys, where OpenIddict's own sort of the credentials puts it too.
        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(Encoding.ASCII.GetString(keys.Get("signing-ecdsa", () =>
            Encoding.ASCII.GetBytes(ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportECPrivateKeyPem()))));
        options.SigningCredentials.Add(new SigningCredentials(new ECDsaSecurityKey(ecdsa) { KeyId = "spacegate-ecdsa" },
            SecurityAlgorithms.EcdsaSha256));

        foreach (var generation in encryption)
        {
            var key = new SymmetricSecurityKey(generation.Key) { KeyId = generation.KeyId };
            options.EncryptionCredentials.Add(new EncryptingCredentials(key, SecurityAlgorithms.Aes256KW,
                SecurityAlgorithms.Aes256CbcHmacSha512));
        }
    }
}

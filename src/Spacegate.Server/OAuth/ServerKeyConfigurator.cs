using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using Spacegate.Server.Data;

namespace Spacegate.Server.OAuth;

/// <summary>
/// Loads the token signing and encryption keys from the database (creating them on first use), so
/// every node behind a load balancer reads and writes the same tokens. Tokens are reference tokens
/// whose payloads never leave the server, so symmetric keys (HMAC-SHA256, AES key wrap) are enough
/// and keep token issuance cheap.
/// </summary>
public sealed class ServerKeyConfigurator(SharedKeys keys) : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        var signing = new SymmetricSecurityKey(LoadOrCreate("signing")) { KeyId = "spacegate-signing" };
        var encryption = new SymmetricSecurityKey(LoadOrCreate("encryption")) { KeyId = "spacegate-encryption" };
        options.SigningCredentials.Add(new SigningCredentials(signing, SecurityAlgorithms.HmacSha256));

        // OpenIddict insists on one asymmetric key (it would sign identity tokens, which Spacegate never issues).
        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(Encoding.ASCII.GetString(LoadOrCreate("signing-ecdsa", () =>
            Encoding.ASCII.GetBytes(ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportECPrivateKeyPem()))));
        options.SigningCredentials.Add(new SigningCredentials(new ECDsaSecurityKey(ecdsa) { KeyId = "spacegate-ecdsa" },
            SecurityAlgorithms.EcdsaSha256));
        options.EncryptionCredentials.Add(new EncryptingCredentials(encryption, SecurityAlgorithms.Aes256KW,
            SecurityAlgorithms.Aes256CbcHmacSha512));
    }

    private byte[] LoadOrCreate(string purpose) => keys.Get(purpose);

    private byte[] LoadOrCreate(string purpose, Func<byte[]> create) => keys.Get(purpose, create);
}

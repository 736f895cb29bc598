using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Spacegate.Server.Data;

/// <summary>
/// Reverses <see cref="KeyEncryptionXmlEncryptor"/>. Data Protection creates decryptors by type name
/// with the service provider, hence the constructor.
/// </summary>
public sealed class KeyEncryptionXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var stored = encryptedElement.Element("value")?.Value
            ?? throw new InvalidOperationException("The encrypted Data Protection key has no value element.");
        var plaintext = services.GetRequiredService<KeyEncryption>().Unprotect(stored, KeyEncryptionXmlEncryptor.Purpose);
        return XElement.Parse(Encoding.UTF8.GetString(plaintext));
    }
}

using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Spacegate.Server.Data;

/// <summary>
/// Encrypts each Data Protection key element under the key-encryption key before it is stored; without
/// one (a sandbox) the key is stored as Data Protection would store it unencrypted.
/// </summary>
public sealed class KeyEncryptionXmlEncryptor(KeyEncryption encryption) : IXmlEncryptor
{
    public const string Purpose = "data-protection-key";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        if (!encryption.Enabled)
        {
            return new NullXmlEncryptor().Encrypt(plaintextElement);
        }
        var text = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var element = new XElement("encryptedKey",
            new XComment(" Encrypted with Spacegate:KeyEncryptionKey (AES-256-GCM). "),
            new XElement("value", encryption.Protect(text, Purpose)));
        return new EncryptedXmlInfo(element, typeof(KeyEncryptionXmlDecryptor));
    }
}

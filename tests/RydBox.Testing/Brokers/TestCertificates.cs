using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RydBox.Testing.Brokers;

/// <summary>A private certificate authority and a broker certificate it signed, made fresh for a test.</summary>
public sealed class TestCertificates : IDisposable
{
    public TestCertificates(string brokerHostName = "localhost")
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=RydBox test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        CertificateAuthority = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var brokerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var brokerRequest = new CertificateRequest("CN=" + brokerHostName, brokerKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(brokerHostName);
        if (brokerHostName == "localhost")
        {
            names.AddIpAddress(IPAddress.Loopback);
        }

        brokerRequest.CertificateExtensions.Add(names.Build());
        brokerRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using X509Certificate2 signed = brokerRequest.Create(CertificateAuthority, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(8));
        using X509Certificate2 withKey = signed.CopyWithPrivateKey(brokerKey);

        // Reloaded from PKCS#12 so the key is usable by the TLS server on every platform.
        Broker = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);

        CertificateAuthorityFile = Path.Combine(Path.GetTempPath(), $"rydbox-ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(CertificateAuthorityFile, CertificateAuthority.ExportCertificatePem());
    }

    public X509Certificate2 CertificateAuthority { get; }

    /// <summary>The broker's certificate with its private key.</summary>
    public X509Certificate2 Broker { get; }

    /// <summary>The CA certificate as a PEM file, as a user would hand it to the box.</summary>
    public string CertificateAuthorityFile { get; }

    public void Dispose()
    {
        File.Delete(CertificateAuthorityFile);
        Broker.Dispose();
        CertificateAuthority.Dispose();
    }
}

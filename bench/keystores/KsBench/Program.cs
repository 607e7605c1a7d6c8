using SipSecurity.KeyStores;

// One keystore operation per process, like one cmdlet call or one keytool run; the password comes from $SP.
char[] password = (Environment.GetEnvironmentVariable("SP") ?? throw new InvalidOperationException("set SP")).ToCharArray();
try
{
    switch (args)
    {
        case ["genkey", string path, string algorithm]:
            KeyStore store = KeyStore.CreateNew(path, KeyStoreType.Pkcs12);
            store.GenerateKeyPair("bench", new SelfSignedCertificateOptions
            {
                Subject = "CN=James Smith, OU=Engineering, O=My Company, L=My City, S=My State, C=US",
                Algorithm = algorithm == "ec" ? KeyAlgorithm.Ec : KeyAlgorithm.Rsa,
            }, default);
            store.Save(password);
            break;
        case ["export", string path, string certificate]:
            File.WriteAllBytes(certificate, KeyStore.Open(path, password).ExportCertificate("bench"));
            break;
        case ["import", string truststore, string certificate]:
            KeyStore trust = KeyStore.OpenOrCreate(truststore, KeyStoreType.Pkcs12, password);
            trust.ImportTrustedCertificates("peer", File.ReadAllBytes(certificate));
            trust.Save(password);
            break;
        default:
            Console.Error.WriteLine("usage: KsBench genkey <p12> rsa|ec | export <p12> <pem> | import <truststore> <pem>");
            return 2;
    }

    return 0;
}
catch (KeyStoreException ex)
{
    Console.Error.WriteLine($"{ex.ErrorId}: {ex.Message}");
    return 1;
}
finally
{
    Array.Clear(password);
}

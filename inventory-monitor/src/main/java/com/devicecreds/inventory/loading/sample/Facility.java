package com.devicecreds.inventory.loading.sample;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.devicecreds.inventory.loading.format.PackageFormat;
import com.devicecreds.inventory.loading.format.Pem;

/**
 * A key generation facility as far as packages are concerned: its signing key and its certificate
 * chain (the signer's certificate first). Self-signed, or issued by another facility acting as CA.
 */
public record Facility(String name, PrivateKey signingKey, List<X509Certificate> chain) {

    private static final String CN = "2.5.4.3";
    private static final String ORGANIZATION = "2.5.4.10";

    public Facility {
        chain = List.copyOf(chain);
    }

    public X509Certificate certificate() {
        return chain.getFirst();
    }

    /** A facility whose P-256 key certifies itself, valid in the given period. */
    public static Facility selfSigned(String name, Instant notBefore, Instant notAfter) {
        KeyPair keys = newKeyPair();
        var cert = certify(name(name), keys.getPublic().getEncoded(), name(name), keys.getPrivate(), notBefore, notAfter, true);
        return new Facility(name, keys.getPrivate(), List.of(cert));
    }

    /** A facility certified by this one (a CA); its chain carries this facility's chain after its own certificate. */
    public Facility issue(String subject, Instant notBefore, Instant notAfter) {
        KeyPair keys = newKeyPair();
        byte[] issuer = certificate().getSubjectX500Principal().getEncoded();
        var cert = certify(name(subject), keys.getPublic().getEncoded(), issuer, signingKey, notBefore, notAfter, false);
        var newChain = new ArrayList<X509Certificate>();
        newChain.add(cert);
        newChain.addAll(chain);
        return new Facility(subject, keys.getPrivate(), newChain);
    }

    /** A facility from PEM files (a PKCS#8 key and its certificate chain). */
    public static Facility fromPem(String keyPem, String chainPem) throws GeneralSecurityException {
        var chain = Pem.certificates(chainPem);
        return new Facility(commonName(chain.getFirst()), Pem.privateKey(keyPem), chain);
    }

    /** The certificate subject's CN, else its whole distinguished name. */
    private static String commonName(X509Certificate certificate) {
        String dn = certificate.getSubjectX500Principal().getName();
        try {
            return new javax.naming.ldap.LdapName(dn).getRdns().stream()
                    .filter(rdn -> rdn.getType().equalsIgnoreCase("CN")).map(rdn -> rdn.getValue().toString())
                    .findFirst().orElse(dn);
        } catch (javax.naming.InvalidNameException e) {
            return dn;
        }
    }

    public String chainPem() {
        var text = new StringBuilder();
        chain.forEach(c -> text.append(Pem.encode(c)));
        return text.toString();
    }

    /** Signs the bytes with the facility key: SHA256withECDSA or SHA256withRSA by key type. */
    public byte[] sign(byte[] data) {
        try {
            var signature = Signature.getInstance(PackageFormat.signatureAlgorithm(certificate().getPublicKey()));
            signature.initSign(signingKey);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign with the facility key", e);
        }
    }

    static KeyPair newKeyPair() {
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An X.509 v3 certificate (RFC 5280) with basic constraints, key usage and any further extensions
     * (each a DER Extension), signed with ECDSA-SHA256.
     */
    static X509Certificate certify(byte[] subject, byte[] subjectPublicKeyInfo, byte[] issuer, PrivateKey issuerKey,
            Instant notBefore, Instant notAfter, boolean ca, byte[]... extensions) {
        byte[] algorithm = Der.sequence(Der.oid("1.2.840.10045.4.3.2"));
        byte[] basicConstraints = Der.sequence(Der.oid("2.5.29.19"), Der.bool(true),
                Der.octets(ca ? Der.sequence(Der.bool(true)) : Der.sequence()));
        // keyUsage: digitalSignature, plus keyCertSign and cRLSign for a CA.
        byte[] keyUsage = Der.sequence(Der.oid("2.5.29.15"), Der.bool(true),
                Der.octets(ca ? Der.bits(new byte[] {(byte) 0x86}, 1) : Der.bits(new byte[] {(byte) 0x80}, 7)));
        byte[] tbs = Der.sequence(
                Der.explicit(0, Der.integer(BigInteger.TWO)),
                Der.integer(new BigInteger(63, new SecureRandom()).add(BigInteger.ONE)),
                algorithm,
                issuer,
                Der.sequence(Der.time(notBefore), Der.time(notAfter)),
                subject,
                subjectPublicKeyInfo,
                Der.explicit(3, Der.sequence(basicConstraints, keyUsage, Der.concat(extensions))));
        try {
            var signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(issuerKey);
            signer.update(tbs);
            byte[] der = Der.sequence(tbs, algorithm, Der.bits(signer.sign(), 0));
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not make a facility certificate", e);
        }
    }

    private static byte[] name(String commonName) {
        return Der.sequence(
                Der.set(Der.sequence(Der.oid(ORGANIZATION), Der.utf8("Key Generation Facility"))),
                Der.set(Der.sequence(Der.oid(CN), Der.utf8(commonName))));
    }
}

package com.devicecreds.inventory.loading.format;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The credential package format, version 1 (docs/credential-package-format.md): a ZIP holding
 * exactly these four entries at its root. Only JDK classes here, so the sample package tool runs
 * from the module's classes alone.
 */
public final class PackageFormat {

    public static final int VERSION = 1;
    /** The manifest: UTF-8 {@code key=value} lines; its exact bytes are what the facility signs. */
    public static final String MANIFEST = "manifest.txt";
    /** The records: a CSV with the header {@link #RECORDS_HEADER}. */
    public static final String RECORDS = "records.csv";
    /** The detached signature over the manifest bytes (raw JCA signature bytes). */
    public static final String SIGNATURE = "manifest.sig";
    /** The signer's X.509 certificate, then its chain (if any), as PEM. */
    public static final String SIGNER = "signer.pem";
    public static final List<String> ENTRIES = List.of(MANIFEST, RECORDS, SIGNATURE, SIGNER);

    public static final String RECORDS_HEADER = "credential_id,device_id,payload_base64";
    /** Credential IDs need no CSV quoting: letters, digits and {@code . _ : -}, at most 128. */
    public static final Pattern CREDENTIAL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    /** Batch IDs: the same alphabet as credential IDs, at most 64. */
    public static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    /** The longest records line accepted (a payload of about 48 KiB). */
    public static final int MAX_RECORD_LINE = 64 * 1024;

    private PackageFormat() {
    }

    /** The signature algorithm for a signer key: SHA256withECDSA for EC keys, SHA256withRSA for RSA keys. */
    public static String signatureAlgorithm(java.security.PublicKey key) {
        return switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> throw new IllegalArgumentException("Unsupported signer key algorithm " + key.getAlgorithm());
        };
    }
}

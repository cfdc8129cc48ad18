package com.devicecreds.inventory.loading.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import com.devicecreds.inventory.loading.format.Pem;

/**
 * Command line front of {@link SamplePackage}; the command is documented in
 * docs/credential-package-format.md. It needs nothing but this module's classes on the class path.
 */
public final class SamplePackageTool {

    private static final System.Logger LOG = System.getLogger(SamplePackageTool.class.getName());
    private static final String USAGE = """
            Usage: SamplePackageTool --type CODE --out FILE.zip [--count N] [--batch-id ID] [--device-ids KIND]
                   [--key KEY.pem --cert CHAIN.pem | --facility NAME] [--defect NAME] [--seed N]
              --device-ids  mac | soc-id | serial | cert-fingerprint (pre-bound records; omit for unbound)
              --key/--cert  sign as this facility (PKCS#8 key, certificate chain); without them a new
                            self-signed facility is made and written beside the package (.facility-key.pem, .facility.pem)
              --defect      one of %s (bad packages for tests)""".formatted(java.util.Arrays.toString(Defect.values()));

    private SamplePackageTool() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        if (!options.containsKey("type") || !options.containsKey("out")) {
            throw new IllegalArgumentException(USAGE);
        }
        Path out = Path.of(options.get("out"));
        Facility facility;
        if (options.containsKey("key")) {
            facility = Facility.fromPem(Files.readString(Path.of(options.get("key"))),
                    Files.readString(Path.of(options.getOrDefault("cert", options.get("key")))));
        } else {
            Instant now = Instant.now();
            facility = Facility.selfSigned(options.getOrDefault("facility", "Sample Key Generation Facility"),
                    now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)));
            Files.writeString(sibling(out, ".facility-key.pem"), Pem.encode(facility.signingKey()));
            Files.writeString(sibling(out, ".facility.pem"), facility.chainPem());
            LOG.log(System.Logger.Level.INFO, "New facility certificate (trust it in the portal): {0}",
                    sibling(out, ".facility.pem"));
        }
        var sample = SamplePackage.of(facility, options.get("type"), Long.parseLong(options.getOrDefault("count", "100")))
                .seed(Long.parseLong(options.getOrDefault("seed", Long.toString(System.nanoTime()))));
        if (options.containsKey("batch-id")) {
            sample.batchId(options.get("batch-id"));
        }
        if (options.containsKey("device-ids")) {
            sample.deviceIds(DeviceIdKind.of(options.get("device-ids")));
        }
        if (options.containsKey("defect")) {
            sample.defect(Defect.valueOf(options.get("defect").toUpperCase(Locale.ROOT).replace('-', '_')));
        }
        sample.writeTo(out);
        LOG.log(System.Logger.Level.INFO, "Wrote {0}: batch {1}, {2} bytes", out, sample.batchId(), Files.size(out));
    }

    private static Path sibling(Path file, String suffix) {
        String name = file.getFileName().toString().replaceFirst("\\.zip$", "");
        return file.resolveSibling(name + suffix);
    }

    private static Map<String, String> options(String[] args) {
        var options = new HashMap<String, String>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Unexpected argument '" + args[i] + "'\n" + USAGE);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}

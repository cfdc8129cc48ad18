package com.devicecreds.inventory.loading.upload.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import com.devicecreds.inventory.loading.format.PackageFormat;
import com.devicecreds.inventory.loading.upload.ProblemKind;

/**
 * Reads the records entry once: hashes every byte, checks each line's format (credential ID,
 * device ID for the type, base64 payload), and streams the well-formed records into the staging
 * table, where SQL finds duplicates. Lines are read as bytes with a length limit, never as one string.
 */
final class RecordScanner {

    /** What the type asks of device IDs: its normalized pattern and whether records must be pre-bound. */
    record DeviceRule(String kindName, Pattern pattern, boolean preBound) {
    }

    /** @param records every data line, well-formed or not */
    record Result(long records, byte[] sha256) {
    }

    private final Optional<DeviceRule> rule;
    private final Problems problems;

    RecordScanner(Optional<DeviceRule> rule, Problems problems) {
        this.rule = rule;
        this.problems = problems;
    }

    Result scan(InputStream entry, CopyRows staging) throws IOException, SQLException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        var in = new java.io.BufferedInputStream(new DigestInputStream(entry, digest), 1 << 16);
        byte[] line = new byte[PackageFormat.MAX_RECORD_LINE];
        long lineNumber = 0;
        long records = 0;
        var decoder = Base64.getDecoder();
        while (true) {
            int length = 0;
            int b;
            boolean tooLong = false;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (length < line.length) {
                    line[length++] = (byte) b;
                } else {
                    tooLong = true;
                }
            }
            if (b < 0 && length == 0) {
                break;
            }
            lineNumber++;
            if (length > 0 && line[length - 1] == '\r') {
                length--;
            }
            String text = new String(line, 0, length, StandardCharsets.UTF_8);
            if (lineNumber == 1) {
                if (!text.equals(PackageFormat.RECORDS_HEADER)) {
                    problems.add(ProblemKind.RECORD_FORMAT, "Line 1 of " + PackageFormat.RECORDS + " must be the header '"
                            + PackageFormat.RECORDS_HEADER + "'.");
                }
                continue;
            }
            if (length == 0 && b < 0) {
                break;
            }
            records++;
            if (tooLong) {
                problems.add(ProblemKind.RECORD_FORMAT, "Line " + lineNumber + " is longer than "
                        + PackageFormat.MAX_RECORD_LINE + " bytes.");
                continue;
            }
            check(lineNumber, text, decoder, staging);
        }
        return new Result(records, digest.digest());
    }

    private void check(long lineNumber, String text, Base64.Decoder decoder, CopyRows staging) throws SQLException {
        String[] fields = text.split(",", -1);
        if (fields.length != 3) {
            problems.add(ProblemKind.RECORD_FORMAT, "Line " + lineNumber + " has " + fields.length
                    + " fields; a record has three: credential ID, device ID (may be empty), payload.");
            return;
        }
        String id = fields[0];
        String device = fields[1];
        boolean ok = true;
        if (!PackageFormat.CREDENTIAL_ID.matcher(id).matches()) {
            problems.add(ProblemKind.RECORD_FORMAT, "Line " + lineNumber + ": the credential ID '" + abbreviate(id)
                    + "' is not valid (letters, digits and . _ : -, at most 128).");
            ok = false;
        }
        if (rule.isPresent()) {
            ok &= checkDevice(lineNumber, device, rule.get());
        }
        try {
            if (fields[2].isEmpty() || decoder.decode(fields[2]).length == 0) {
                problems.add(ProblemKind.RECORD_FORMAT, "Line " + lineNumber + " has an empty payload.");
                ok = false;
            }
        } catch (IllegalArgumentException e) {
            problems.add(ProblemKind.RECORD_FORMAT, "Line " + lineNumber + ": the payload is not valid base64.");
            ok = false;
        }
        if (ok) {
            staging.number(lineNumber).text(id).text(device).text(fields[2]).endRow();
        }
    }

    private boolean checkDevice(long lineNumber, String device, DeviceRule rule) {
        if (device.isEmpty()) {
            if (rule.preBound()) {
                problems.add(ProblemKind.DEVICE_ID_FORMAT, "Line " + lineNumber + " has no device ID, but the type binds "
                        + "every credential to a device in advance (pre-bound).");
                return false;
            }
            return true;
        }
        if (!rule.preBound()) {
            problems.add(ProblemKind.DEVICE_ID_FORMAT, "Line " + lineNumber + " names device ID '" + abbreviate(device)
                    + "', but the type binds credentials at delivery (next available): records carry no device ID.");
            return false;
        }
        if (!rule.pattern().matcher(device).matches()) {
            problems.add(ProblemKind.DEVICE_ID_FORMAT, "Line " + lineNumber + ": the device ID '" + abbreviate(device)
                    + "' is not a " + rule.kindName() + " in normalized form (" + rule.pattern().pattern() + ").");
            return false;
        }
        return true;
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}

package io.scimbridge.aws.emulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The credential report's CSV, columns as the IAM User Guide ("Understanding the report format")
 * lists them; the account root user comes first as {@code <root_account>}. Values: {@code true} /
 * {@code false}, ISO 8601 dates with offset ({@code 2026-01-01T00:00:00+00:00}), {@code N/A} where
 * the credential does not exist, {@code no_information} for a password never used,
 * {@code not_supported} for what the root user cannot have.
 */
final class CredentialReport {

    static final List<String> COLUMNS = List.of("user", "arn", "user_creation_time", "password_enabled",
            "password_last_used", "password_last_changed", "password_next_rotation", "mfa_active",
            "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
            "access_key_1_last_used_region", "access_key_1_last_used_service",
            "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
            "access_key_2_last_used_region", "access_key_2_last_used_service",
            "cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private CredentialReport() {
    }

    static String csv(IamAccount account) {
        StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        csv.append(String.join(",", "<root_account>", "arn:aws:iam::" + account.id + ":root", date(account.created),
                "not_supported", "no_information", "not_supported", "not_supported", "false",
                "false", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "N/A", "N/A", "N/A",
                "false", "N/A", "false", "N/A")).append('\n');
        for (IamUserRecord user : account.usersInOrder()) {
            List<String> row = new ArrayList<>();
            boolean password = user.loginProfileCreated != null;
            row.add(user.name);
            row.add(account.arn(user.name));
            row.add(date(user.created));
            row.add(Boolean.toString(password));
            row.add(!password ? "N/A" : user.passwordLastUsed == null ? "no_information" : date(user.passwordLastUsed));
            row.add(password ? date(user.loginProfileCreated) : "N/A");
            row.add("N/A");
            row.add(Boolean.toString(!user.mfaDevices.isEmpty()));
            for (int i = 0; i < 2; i++) {
                IamUserRecord.AccessKey key = i < user.keys.size() ? user.keys.get(i) : null;
                row.add(Boolean.toString(key != null && key.status.equals("Active")));
                row.add(key == null ? "N/A" : date(key.created));
                row.add(key == null || key.lastUsed == null ? "N/A" : date(key.lastUsed));
                row.add(key == null || key.lastUsed == null ? "N/A" : key.lastUsedRegion);
                row.add(key == null || key.lastUsed == null ? "N/A" : key.lastUsedService);
            }
            for (int i = 0; i < 2; i++) {
                boolean cert = i < user.signingCertificates.size();
                row.add(Boolean.toString(cert));
                row.add(cert ? date(user.created) : "N/A");
            }
            csv.append(String.join(",", row)).append('\n');
        }
        return csv.toString();
    }

    private static String date(Instant instant) {
        return DATE.format(instant.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }
}

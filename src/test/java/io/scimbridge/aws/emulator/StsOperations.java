package io.scimbridge.aws.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STS AssumeRole (API reference): RoleArn {@code arn:aws:iam::ACCOUNT:role/NAME}, RoleSessionName
 * 2..64 of {@code [\w+=,.@-]}, DurationSeconds 900..43200 (default 3600). A role the account does
 * not have is AccessDenied (403), as STS answers when the role is missing or does not trust the
 * caller. The session's access key id is what the IAM emulator reads its account from.
 */
final class StsOperations implements AwsQueryService {

    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):role/(?:[\\w+=,.@/-]*/)?([\\w+=,.@-]{1,64})");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

    private final IamAccounts accounts;

    StsOperations(IamAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public String signingName() {
        return "sts";
    }

    @Override
    public String version() {
        return "2011-06-15";
    }

    @Override
    public String invoke(String action, Map<String, String> params, String accessKeyId) {
        if (!action.equals("AssumeRole")) {
            throw new AwsQueryError("InvalidAction", 400, "action not emulated: " + action);
        }
        String roleArn = params.get("RoleArn");
        String sessionName = params.get("RoleSessionName");
        if (roleArn == null || sessionName == null) {
            throw AwsQueryError.validation("RoleArn and RoleSessionName are required");
        }
        if (!SESSION_NAME.matcher(sessionName).matches()) {
            throw AwsQueryError.validation("1 validation error detected: Value '" + sessionName
                    + "' at 'roleSessionName' failed to satisfy constraint");
        }
        long duration = Long.parseLong(params.getOrDefault("DurationSeconds", "3600"));
        if (duration < 900 || duration > 43_200) {
            throw AwsQueryError.validation("DurationSeconds must be between 900 and 43200");
        }
        Matcher arn = ROLE_ARN.matcher(roleArn);
        if (!arn.matches()) {
            throw AwsQueryError.validation("RoleArn is not a role ARN: " + roleArn);
        }
        String account = arn.group(1);
        String role = arn.group(2);
        boolean exists = accounts.existing(account).map(a -> {
            synchronized (a) {
                return a.roles.contains(role);
            }
        }).orElse(false);
        if (!exists) {
            throw new AwsQueryError("AccessDenied", 403, "User: " + accessKeyId
                    + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
        }
        String sessionKey = accounts.openSession(account);
        Instant expiration = accounts.now().plus(Duration.ofSeconds(duration));
        return new Xml().open("Credentials").element("AccessKeyId", sessionKey)
                .element("SecretAccessKey", UUID.randomUUID().toString())
                .element("SessionToken", UUID.randomUUID().toString()).element("Expiration", expiration)
                .close("Credentials").open("AssumedRoleUser")
                .element("AssumedRoleId", "AROA" + account + ":" + sessionName)
                .element("Arn", "arn:aws:sts::" + account + ":assumed-role/" + role + "/" + sessionName)
                .close("AssumedRoleUser").toString();
    }
}

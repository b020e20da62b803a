package io.scimbridge.aws.emulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The IAM actions the bridge uses to inventory and retire IAM users (IAM API reference), in the
 * account of the caller's STS session: credentials that are no session of an emulated account are
 * InvalidClientTokenId (403). Lists page with {@code MaxItems} (1..1000, default 100, or
 * {@link #defaultPageSize}) and an opaque {@code Marker}, answering {@code IsTruncated}. A missing
 * user, key, device or attachment is NoSuchEntity (404); DeleteUser with anything still attached is
 * DeleteConflict (409).
 */
final class IamOperations implements AwsQueryService {

    private static final int MAX_ITEMS = 1000;

    private final IamAccounts accounts;
    private volatile int defaultPageSize = 100;

    IamOperations(IamAccounts accounts) {
        this.accounts = accounts;
    }

    void defaultPageSize(int size) {
        defaultPageSize = size;
    }

    @Override
    public String signingName() {
        return "iam";
    }

    @Override
    public String version() {
        return "2010-05-08";
    }

    @Override
    public String invoke(String action, Map<String, String> params, String accessKeyId) {
        IamAccount account = accounts.accountOfSession(accessKeyId).flatMap(accounts::existing)
                .orElseThrow(() -> new AwsQueryError("InvalidClientTokenId", 403,
                        "The security token included in the request is invalid."));
        synchronized (account) {
            return run(account, action, params);
        }
    }

    private String run(IamAccount account, String action, Map<String, String> p) {
        return switch (action) {
            case "GenerateCredentialReport" -> {
                String state = account.generateReport();
                yield new Xml().element("State", state).element("Description", switch (state) {
                    case "STARTED" -> "No report exists. Starting a new report generation task";
                    case "INPROGRESS" -> "Report generation in progress";
                    default -> "Report is complete";
                }).toString();
            }
            case "GetCredentialReport" -> {
                if (account.reportInProgress() && account.report().isEmpty()) {
                    throw new AwsQueryError("ReportInProgress", 404, "Report is being generated");
                }
                String csv = account.report().orElseThrow(() -> new AwsQueryError("ReportNotPresent", 410,
                        "Credential report not present. Use GenerateCredentialReport to generate a report."));
                yield new Xml().element("Content", Base64.getEncoder().encodeToString(csv.getBytes(StandardCharsets.UTF_8)))
                        .element("ReportFormat", "text/csv").element("GeneratedTime", account.reportGeneratedAt()).toString();
            }
            case "ListUsers" -> page(action, "Users", account.usersInOrder(), p, (u, x) -> x.open("member")
                    .element("Path", "/").element("UserName", u.name).element("UserId", u.id)
                    .element("Arn", account.arn(u.name)).element("CreateDate", u.created)
                    .element("PasswordLastUsed", u.passwordLastUsed).close("member"));
            case "ListUserTags" -> page(action, "Tags", List.copyOf(user(account, p).tags.entrySet()), p,
                    (t, x) -> x.open("member").element("Key", t.getKey()).element("Value", t.getValue()).close("member"));
            case "ListAccessKeys" -> {
                IamUserRecord user = user(account, p);
                yield page(action, "AccessKeyMetadata", user.keys, p, (k, x) -> x.open("member")
                        .element("UserName", user.name).element("AccessKeyId", k.id).element("Status", k.status)
                        .element("CreateDate", k.created).close("member"));
            }
            case "GetAccessKeyLastUsed" -> {
                String keyId = required(p, "AccessKeyId");
                for (IamUserRecord user : account.usersInOrder()) {
                    var key = user.key(keyId);
                    if (key.isPresent()) {
                        var k = key.get();
                        yield new Xml().element("UserName", user.name).open("AccessKeyLastUsed")
                                .element("LastUsedDate", k.lastUsed)
                                .element("ServiceName", k.lastUsed == null ? "N/A" : k.lastUsedService)
                                .element("Region", k.lastUsed == null ? "N/A" : k.lastUsedRegion)
                                .close("AccessKeyLastUsed").toString();
                    }
                }
                // not among the documented errors; AWS refuses a key of another account
                throw new AwsQueryError("AccessDenied", 403, "The access key " + keyId + " is not in this account");
            }
            case "UpdateAccessKey" -> {
                String status = required(p, "Status");
                if (!status.equals("Active") && !status.equals("Inactive")) {
                    throw AwsQueryError.validation("Status must be Active or Inactive");
                }
                key(user(account, p), p).status = status;
                yield null;
            }
            case "DeleteAccessKey" -> {
                IamUserRecord user = user(account, p);
                user.keys.remove(key(user, p));
                yield null;
            }
            case "GetLoginProfile" -> {
                IamUserRecord user = user(account, p);
                if (user.loginProfileCreated == null) {
                    throw AwsQueryError.noSuchEntity("Login Profile for User " + user.name + " cannot be found.");
                }
                yield new Xml().open("LoginProfile").element("UserName", user.name)
                        .element("CreateDate", user.loginProfileCreated).element("PasswordResetRequired", "false")
                        .close("LoginProfile").toString();
            }
            case "DeleteLoginProfile" -> {
                IamUserRecord user = user(account, p);
                if (user.loginProfileCreated == null) {
                    throw AwsQueryError.noSuchEntity("Login Profile for User " + user.name + " cannot be found.");
                }
                user.loginProfileCreated = null;
                yield null;
            }
            case "ListMFADevices" -> {
                IamUserRecord user = user(account, p);
                yield page(action, "MFADevices", user.mfaDevices, p, (serial, x) -> x.open("member")
                        .element("UserName", user.name).element("SerialNumber", serial)
                        .element("EnableDate", user.created).close("member"));
            }
            case "DeactivateMFADevice" -> remove(user(account, p).mfaDevices, required(p, "SerialNumber"), "MFA device");
            case "ListSigningCertificates" -> {
                IamUserRecord user = user(account, p);
                yield page(action, "Certificates", user.signingCertificates, p, (id, x) -> x.open("member")
                        .element("UserName", user.name).element("CertificateId", id)
                        .element("CertificateBody", "-----BEGIN CERTIFICATE-----").element("Status", "Active")
                        .element("UploadDate", user.created).close("member"));
            }
            case "DeleteSigningCertificate" -> remove(user(account, p).signingCertificates, required(p, "CertificateId"),
                    "signing certificate");
            case "ListSSHPublicKeys" -> {
                IamUserRecord user = user(account, p);
                yield page(action, "SSHPublicKeys", user.sshPublicKeys, p, (id, x) -> x.open("member")
                        .element("UserName", user.name).element("SSHPublicKeyId", id).element("Status", "Active")
                        .element("UploadDate", user.created).close("member"));
            }
            case "DeleteSSHPublicKey" -> remove(user(account, p).sshPublicKeys, required(p, "SSHPublicKeyId"), "SSH public key");
            case "ListServiceSpecificCredentials" -> {
                IamUserRecord user = user(account, p);
                // no paging in the API reference's original shape: everything in one answer
                Xml x = new Xml().open("ServiceSpecificCredentials");
                for (String id : user.serviceSpecificCredentials) {
                    x.open("member").element("UserName", user.name).element("Status", "Active")
                            .element("ServiceUserName", user.name + "-at-" + account.id)
                            .element("CreateDate", user.created).element("ServiceSpecificCredentialId", id)
                            .element("ServiceName", "codecommit.amazonaws.com").close("member");
                }
                yield x.close("ServiceSpecificCredentials").toString();
            }
            case "DeleteServiceSpecificCredential" -> remove(user(account, p).serviceSpecificCredentials,
                    required(p, "ServiceSpecificCredentialId"), "service-specific credential");
            case "ListGroupsForUser" -> page(action, "Groups", user(account, p).groups, p, (g, x) -> x.open("member")
                    .element("Path", "/").element("GroupName", g).element("GroupId", "AGPA" + Math.abs(g.hashCode()))
                    .element("Arn", "arn:aws:iam::" + account.id + ":group/" + g)
                    .element("CreateDate", account.created).close("member"));
            case "RemoveUserFromGroup" -> remove(user(account, p).groups, required(p, "GroupName"), "group membership");
            case "ListAttachedUserPolicies" -> page(action, "AttachedPolicies", user(account, p).attachedPolicies, p,
                    (arn, x) -> x.open("member").element("PolicyName", arn.substring(arn.lastIndexOf('/') + 1))
                            .element("PolicyArn", arn).close("member"));
            case "DetachUserPolicy" -> remove(user(account, p).attachedPolicies, required(p, "PolicyArn"), "attached policy");
            case "ListUserPolicies" -> page(action, "PolicyNames", user(account, p).inlinePolicies, p,
                    (name, x) -> x.element("member", name));
            case "DeleteUserPolicy" -> remove(user(account, p).inlinePolicies, required(p, "PolicyName"), "inline policy");
            case "DeleteUser" -> {
                IamUserRecord user = user(account, p);
                List<String> attached = user.attachments();
                if (!attached.isEmpty()) {
                    throw AwsQueryError.deleteConflict("Cannot delete entity, must remove " + String.join(", ", attached)
                            + " first.");
                }
                account.users.remove(user.name);
                yield null;
            }
            default -> throw new AwsQueryError("InvalidAction", 400, "action not emulated: " + action);
        };
    }

    private static IamUserRecord user(IamAccount account, Map<String, String> p) {
        String name = required(p, "UserName");
        IamUserRecord user = account.users.get(name);
        if (user == null) {
            throw AwsQueryError.noSuchEntity("The user with name " + name + " cannot be found.");
        }
        return user;
    }

    private static IamUserRecord.AccessKey key(IamUserRecord user, Map<String, String> p) {
        String id = required(p, "AccessKeyId");
        return user.key(id).orElseThrow(() -> AwsQueryError.noSuchEntity(
                "The Access Key with id " + id + " cannot be found."));
    }

    private static String remove(List<String> list, String value, String what) {
        if (!list.remove(value)) {
            throw AwsQueryError.noSuchEntity("The " + what + " " + value + " cannot be found.");
        }
        return null;
    }

    private static String required(Map<String, String> p, String name) {
        String value = p.get(name);
        if (value == null || value.isEmpty()) {
            throw AwsQueryError.validation("1 validation error detected: Value null at '" + name
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    private <T> String page(String action, String wrapper, List<T> all, Map<String, String> p, BiConsumer<T, Xml> member) {
        int max = defaultPageSize;
        if (p.containsKey("MaxItems")) {
            try {
                max = Integer.parseInt(p.get("MaxItems"));
            } catch (NumberFormatException e) {
                max = 0;
            }
            if (max < 1 || max > MAX_ITEMS) {
                throw AwsQueryError.validation("MaxItems must be between 1 and 1000");
            }
        }
        int offset = offset(action, p.get("Marker"));
        List<T> items = new ArrayList<>(all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + max)));
        int end = offset + items.size();
        Xml x = new Xml().open(wrapper);
        items.forEach(item -> member.accept(item, x));
        x.close(wrapper).element("IsTruncated", end < all.size());
        if (end < all.size()) {
            x.element("Marker", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((action + ":" + end).getBytes(StandardCharsets.UTF_8)));
        }
        return x.toString();
    }

    private static int offset(String action, String marker) {
        if (marker == null) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
            if (decoded.startsWith(action + ":")) {
                return Integer.parseInt(decoded.substring(action.length() + 1));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw AwsQueryError.validation("Invalid Marker for " + action);
    }
}

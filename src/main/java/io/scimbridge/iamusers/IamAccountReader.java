package io.scimbridge.iamusers;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.ReportStateType;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;

/**
 * Reads one account's IAM users: the credential report for last uses (one report per account:
 * GenerateCredentialReport until COMPLETE, then GetCredentialReport), ListUsers, and per user the
 * live state the report may not show (it is reused for up to four hours): ListUserTags,
 * ListAccessKeys, GetLoginProfile, ListMFADevices, ListGroupsForUser, ListAttachedUserPolicies,
 * ListUserPolicies. Lists through the SDK's paginators (Marker / IsTruncated).
 */
final class IamAccountReader {

    /** The credential report did not complete within the configured polls. */
    static final class ReportNotReady extends RuntimeException {
        ReportNotReady(String message) {
            super(message, null, false, false);
        }
    }

    private final Duration pollInterval;
    private final int pollAttempts;

    IamAccountReader(Duration pollInterval, int pollAttempts) {
        this.pollInterval = pollInterval;
        this.pollAttempts = pollAttempts;
    }

    List<IamUser> read(IamClient iam, String accountId, String accountName) {
        Map<String, CredentialReportRows.Row> report = credentialReport(iam);
        List<IamUser> users = new ArrayList<>();
        for (User user : iam.listUsersPaginator(r -> { }).users()) {
            try {
                users.add(user(iam, accountId, accountName, user, report.get(user.userName())));
            } catch (NoSuchEntityException e) {
                // deleted between ListUsers and its details: nothing left to inventory
            }
        }
        return users;
    }

    private IamUser user(IamClient iam, String accountId, String accountName, User user, CredentialReportRows.Row row) {
        String name = user.userName();
        Map<String, String> tags = new LinkedHashMap<>();
        for (Tag tag : iam.listUserTagsPaginator(r -> r.userName(name)).tags()) {
            tags.put(tag.key(), tag.value());
        }
        List<AccessKeyMetadata> keys = iam.listAccessKeysPaginator(r -> r.userName(name)).accessKeyMetadata()
                .stream().sorted(Comparator.comparing(AccessKeyMetadata::createDate)).toList();
        List<AccessKey> accessKeys = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            AccessKeyMetadata k = keys.get(i);
            accessKeys.add(new AccessKey(k.accessKeyId(), k.status() == StatusType.ACTIVE, k.createDate(),
                    row != null && i < row.keysLastUsed().size() ? row.keysLastUsed().get(i) : Optional.empty()));
        }
        return new IamUser(accountId, accountName, name, user.arn(), user.createDate(), tags, hasPassword(iam, name),
                Optional.ofNullable(user.passwordLastUsed()).or(() -> row == null ? Optional.empty() : row.passwordLastUsed()),
                (int) iam.listMFADevicesPaginator(r -> r.userName(name)).mfaDevices().stream().count(),
                accessKeys,
                iam.listGroupsForUserPaginator(r -> r.userName(name)).groups().stream().map(Group::groupName).toList(),
                iam.listAttachedUserPoliciesPaginator(r -> r.userName(name)).attachedPolicies().stream()
                        .map(AttachedPolicy::policyArn).toList(),
                iam.listUserPoliciesPaginator(r -> r.userName(name)).policyNames().stream().toList());
    }

    private static boolean hasPassword(IamClient iam, String userName) {
        try {
            iam.getLoginProfile(r -> r.userName(userName));
            return true;
        } catch (NoSuchEntityException e) {
            return false;
        }
    }

    private Map<String, CredentialReportRows.Row> credentialReport(IamClient iam) {
        for (int attempt = 1; attempt <= pollAttempts; attempt++) {
            if (iam.generateCredentialReport().state() == ReportStateType.COMPLETE) {
                return CredentialReportRows.parse(iam.getCredentialReport().content().asString(StandardCharsets.UTF_8));
            }
            if (attempt < pollAttempts) {
                pause();
            }
        }
        throw new ReportNotReady("the credential report was not complete after " + pollAttempts + " polls");
    }

    private void pause() {
        try {
            Thread.sleep(pollInterval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReportNotReady("interrupted while waiting for the credential report");
        }
    }
}

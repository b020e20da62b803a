package io.scimbridge.aws.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The IAM of one emulated AWS account: its roles (only their names matter: STS assumes them), its
 * users (names unique case-insensitively, listed in name order) and its credential report.
 *
 * <p>The credential report behaves as the IAM User Guide describes: GenerateCredentialReport
 * reuses a report younger than four hours (COMPLETE at once); otherwise it starts a new one
 * (STARTED), which is ready after {@link #reportGenerationPolls} further calls (INPROGRESS until
 * then, COMPLETE when done). The report is a snapshot of the moment it completed, so a reused one
 * can be stale: live state is in the List* and Get* answers.
 */
public final class IamAccount {

    static final Duration REPORT_REUSE = Duration.ofHours(4);
    private static final AtomicLong IDS = new AtomicLong(100_000);

    final String id;
    final Instant created;
    private final Supplier<Instant> clock;
    final Set<String> roles = new HashSet<>();
    final Map<String, IamUserRecord> users = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private int reportGenerationPolls = 1;
    private int pollsLeft = -1;
    private String report;
    private Instant reportGeneratedAt;

    IamAccount(String id, Supplier<Instant> clock) {
        this.id = id;
        this.clock = clock;
        this.created = clock.get().minus(Duration.ofDays(3650));
    }

    public String id() {
        return id;
    }

    /** Creates the role STS may assume (the bridge's member-account role). */
    public synchronized IamAccount role(String roleName) {
        roles.add(roleName);
        return this;
    }

    /** Seeds a user created {@code age} ago, or returns the one of that name. */
    public synchronized IamUserRecord user(String userName, Duration age) {
        return users.computeIfAbsent(userName, n -> new IamUserRecord(n, "AIDA" + IDS.incrementAndGet(),
                clock.get().minus(age), this));
    }

    public synchronized Optional<IamUserRecord> existingUser(String userName) {
        return Optional.ofNullable(users.get(userName));
    }

    /** How many GenerateCredentialReport calls after STARTED answer before the report is COMPLETE (0: the first). */
    public synchronized void reportGenerationPolls(int polls) {
        reportGenerationPolls = polls;
    }

    String arn(String userName) {
        return "arn:aws:iam::" + id + ":user/" + userName;
    }

    Instant now() {
        return clock.get();
    }

    /** GenerateCredentialReport's State. Caller holds the lock. */
    String generateReport() {
        if (pollsLeft >= 0) {
            if (--pollsLeft > 0) {
                return "INPROGRESS";
            }
            complete();
            return "COMPLETE";
        }
        if (report != null && reportGeneratedAt.plus(REPORT_REUSE).isAfter(now())) {
            return "COMPLETE";
        }
        pollsLeft = reportGenerationPolls;
        if (pollsLeft == 0) {
            complete();
        }
        return "STARTED";
    }

    boolean reportInProgress() {
        return pollsLeft >= 0;
    }

    Optional<String> report() {
        return Optional.ofNullable(report);
    }

    Instant reportGeneratedAt() {
        return reportGeneratedAt;
    }

    private void complete() {
        pollsLeft = -1;
        reportGeneratedAt = now();
        report = CredentialReport.csv(this);
    }

    List<IamUserRecord> usersInOrder() {
        return new ArrayList<>(users.values());
    }
}

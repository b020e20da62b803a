package io.scimbridge.assignments;

import io.scimbridge.pacing.Backoff;
import io.scimbridge.pacing.Pacer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;
import software.amazon.awssdk.services.ssoadmin.model.AccountAssignmentOperationStatus;
import software.amazon.awssdk.services.ssoadmin.model.ConflictException;
import software.amazon.awssdk.services.ssoadmin.model.InternalServerException;
import software.amazon.awssdk.services.ssoadmin.model.PrincipalType;
import software.amazon.awssdk.services.ssoadmin.model.StatusValues;
import software.amazon.awssdk.services.ssoadmin.model.TargetType;
import software.amazon.awssdk.services.ssoadmin.model.ThrottlingException;

/**
 * Applies creates and deletes through SSO Admin, whose CreateAccountAssignment and
 * DeleteAccountAssignment are asynchronous: each request is accepted IN_PROGRESS and polled
 * (DescribeAccountAssignmentCreationStatus / DeletionStatus) until SUCCEEDED or FAILED.
 *
 * <p>Limits it keeps (IAM Identity Center quotas): at most 10 assignment requests outstanding
 * (creations and deletions counted together), and a steady request rate below the 20 requests per
 * second the Identity Center APIs share. Throttling (ThrottlingException), conflicts
 * (ConflictException: AWS recommends retrying with back-off), internal errors and I/O failures are
 * retried with exponential back-off and jitter; a throttled request also holds back the next ones.
 * Other errors fail the change with AWS's reason, as does a FAILED status with its FailureReason.
 *
 * <p>One loop on the calling thread: requests go out one at a time (the API rate, not the local
 * concurrency, is the bottleneck), while up to 10 operations progress at AWS. Not thread-safe: one
 * apply at a time per instance.
 */
public final class AssignmentApplier {

    /** AWS: "CreateAccountAssignment has a maximum rate of 10 outstanding async calls". */
    public static final int AWS_MAX_OUTSTANDING = 10;

    /**
     * @param maxOutstanding    assignment requests in progress at once (1..10)
     * @param pollInterval      first status poll after this, then doubling up to {@code maxPollInterval}
     * @param retryBackoff      first back-off after a throttled/conflicting request, doubling up to {@code maxRetryBackoff}
     * @param maxRetries        retries of one request before its change fails
     * @param operationTimeout  how long an accepted request is polled before its outcome is UNKNOWN
     * @param requestsPerSecond steady rate of all calls of this applier; 0 for none
     */
    public record Settings(int maxOutstanding, Duration pollInterval, Duration maxPollInterval, Duration retryBackoff,
                           Duration maxRetryBackoff, int maxRetries, Duration operationTimeout, double requestsPerSecond) {

        public Settings {
            if (maxOutstanding < 1 || maxOutstanding > AWS_MAX_OUTSTANDING) {
                throw new IllegalArgumentException("maxOutstanding is 1.." + AWS_MAX_OUTSTANDING + ", got " + maxOutstanding);
            }
            Objects.requireNonNull(pollInterval, "pollInterval");
            Objects.requireNonNull(maxPollInterval, "maxPollInterval");
            Objects.requireNonNull(retryBackoff, "retryBackoff");
            Objects.requireNonNull(maxRetryBackoff, "maxRetryBackoff");
            Objects.requireNonNull(operationTimeout, "operationTimeout");
        }

        /** For AWS: 10 outstanding, polls from 1 s to 5 s, back-off from 1 s to 30 s, 10 requests/s. */
        public static Settings defaults() {
            return new Settings(AWS_MAX_OUTSTANDING, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(1),
                    Duration.ofSeconds(30), 12, Duration.ofMinutes(15), 10);
        }

        public Settings withPolling(Duration first, Duration max) {
            return new Settings(maxOutstanding, first, max, retryBackoff, maxRetryBackoff, maxRetries, operationTimeout,
                    requestsPerSecond);
        }

        public Settings withBackoff(Duration first, Duration max, int retries) {
            return new Settings(maxOutstanding, pollInterval, maxPollInterval, first, max, retries, operationTimeout,
                    requestsPerSecond);
        }

        public Settings withRate(double perSecond) {
            return new Settings(maxOutstanding, pollInterval, maxPollInterval, retryBackoff, maxRetryBackoff, maxRetries,
                    operationTimeout, perSecond);
        }

        public Settings withOperationTimeout(Duration timeout) {
            return new Settings(maxOutstanding, pollInterval, maxPollInterval, retryBackoff, maxRetryBackoff, maxRetries,
                    timeout, requestsPerSecond);
        }
    }

    /** Hooks around each change, for the managed-assignment records. */
    public interface Listener {
        /** Before the first CreateAccountAssignment of a change (write-ahead: record it as managed). */
        default void beforeCreate(Change.Create create) {
        }

        /** When a change is finished, whatever its outcome. */
        default void completed(ApplyResult result) {
        }
    }

    private final SsoAdminClient client;
    private final String instanceArn;
    private final Settings settings;

    public AssignmentApplier(SsoAdminClient client, String instanceArn, Settings settings) {
        this.client = client;
        this.instanceArn = instanceArn;
        this.settings = settings;
    }

    public ApplyReport apply(List<? extends Change> changes) {
        return apply(changes, new Listener() {
        });
    }

    public ApplyReport apply(List<? extends Change> changes, Listener listener) {
        return new Run(changes, listener).execute();
    }

    /** One change waiting to be sent (again). */
    private static final class Pending {
        final Change change;
        final long queuedAt = System.nanoTime();
        int attempts;

        Pending(Change change) {
            this.change = change;
        }
    }

    /** One accepted request being polled. */
    private static final class InFlight {
        final Pending pending;
        final String requestId;
        final long acceptedAt;
        long nextPollAt;
        /** Status reads that found it still in progress. */
        int polls;
        int pollErrors;

        InFlight(Pending pending, String requestId, long now, Duration firstPoll) {
            this.pending = pending;
            this.requestId = requestId;
            this.acceptedAt = now;
            this.nextPollAt = now + firstPoll.toNanos();
        }
    }

    private final class Run {
        private final Deque<Pending> queue = new ArrayDeque<>();
        private final Map<String, InFlight> inFlight = new LinkedHashMap<>();
        private final List<ApplyResult> results = new ArrayList<>();
        private final Listener listener;
        private final long started = System.nanoTime();
        private long pausedUntil = started;
        private final Pacer pacer = new Pacer(settings.requestsPerSecond(), Clock.systemUTC());
        private final Backoff backoff = new Backoff(settings.retryBackoff(), settings.maxRetryBackoff(), true);
        private final Backoff polling = new Backoff(settings.pollInterval(), settings.maxPollInterval(), false);
        private int maxOutstanding;
        private int throttled;

        Run(List<? extends Change> changes, Listener listener) {
            changes.forEach(c -> queue.add(new Pending(c)));
            this.listener = listener;
        }

        ApplyReport execute() {
            while (!queue.isEmpty() || !inFlight.isEmpty()) {
                submitWhileRoom();
                pollDue();
                waitForNextEvent();
            }
            return new ApplyReport(results, Duration.ofNanos(System.nanoTime() - started), maxOutstanding, throttled);
        }

        private void submitWhileRoom() {
            while (inFlight.size() < settings.maxOutstanding() && !queue.isEmpty() && System.nanoTime() >= pausedUntil) {
                Pending p = queue.poll();
                if (p.attempts == 0 && p.change instanceof Change.Create create) {
                    listener.beforeCreate(create);
                }
                p.attempts++;
                AccountAssignmentOperationStatus status;
                try {
                    status = submit(p.change);
                } catch (RuntimeException e) {
                    if (retryable(e) && p.attempts <= settings.maxRetries()) {
                        throttled++;
                        queue.addFirst(p);
                        pausedUntil = System.nanoTime() + backoff(p.attempts);
                        return;
                    }
                    finish(p, ApplyResult.Outcome.FAILED, null, reason(e));
                    continue;
                }
                long now = System.nanoTime();
                switch (status.status()) {
                    case SUCCEEDED -> finish(p, ApplyResult.Outcome.SUCCEEDED, status.requestId(), null);
                    case FAILED -> finish(p, ApplyResult.Outcome.FAILED, status.requestId(), status.failureReason());
                    default -> {
                        inFlight.put(status.requestId(), new InFlight(p, status.requestId(), now, polling.after(1)));
                        maxOutstanding = Math.max(maxOutstanding, inFlight.size());
                    }
                }
            }
        }

        private void pollDue() {
            for (Iterator<InFlight> it = inFlight.values().iterator(); it.hasNext(); ) {
                InFlight f = it.next();
                long now = System.nanoTime();
                if (f.nextPollAt > now) {
                    continue;
                }
                AccountAssignmentOperationStatus status;
                try {
                    status = describe(f);
                } catch (RuntimeException e) {
                    if (!retryable(e)) {
                        it.remove();
                        finish(f.pending, ApplyResult.Outcome.UNKNOWN, f.requestId, "status unreadable: " + reason(e));
                        continue;
                    }
                    throttled++;
                    f.pollErrors++;
                    f.nextPollAt = System.nanoTime() + backoff(f.pollErrors);
                    continue;
                }
                if (status.status() == StatusValues.SUCCEEDED) {
                    it.remove();
                    finish(f.pending, ApplyResult.Outcome.SUCCEEDED, f.requestId, null);
                } else if (status.status() == StatusValues.FAILED) {
                    it.remove();
                    finish(f.pending, ApplyResult.Outcome.FAILED, f.requestId, status.failureReason());
                } else if (System.nanoTime() - f.acceptedAt > settings.operationTimeout().toNanos()) {
                    it.remove();
                    finish(f.pending, ApplyResult.Outcome.UNKNOWN, f.requestId,
                            "still IN_PROGRESS after " + settings.operationTimeout());
                } else {
                    f.nextPollAt = System.nanoTime() + polling.after(++f.polls + 1).toNanos();
                }
            }
        }

        private void waitForNextEvent() {
            long next = Long.MAX_VALUE;
            for (InFlight f : inFlight.values()) {
                next = Math.min(next, f.nextPollAt);
            }
            if (!queue.isEmpty() && inFlight.size() < settings.maxOutstanding()) {
                next = Math.min(next, pausedUntil);
            }
            long wait = next - System.nanoTime();
            if (next != Long.MAX_VALUE && wait > 0) {
                sleepNanos(wait);
            }
        }

        private AccountAssignmentOperationStatus submit(Change change) {
            Assignment a = change.assignment();
            pace();
            return switch (change) {
                case Change.Create c -> client.createAccountAssignment(r -> r.instanceArn(instanceArn)
                        .permissionSetArn(a.permissionSetArn()).targetId(a.accountId()).targetType(TargetType.AWS_ACCOUNT)
                        .principalType(PrincipalType.fromValue(a.principalType().name())).principalId(a.principalId()))
                        .accountAssignmentCreationStatus();
                case Change.Delete d -> client.deleteAccountAssignment(r -> r.instanceArn(instanceArn)
                        .permissionSetArn(a.permissionSetArn()).targetId(a.accountId()).targetType(TargetType.AWS_ACCOUNT)
                        .principalType(PrincipalType.fromValue(a.principalType().name())).principalId(a.principalId()))
                        .accountAssignmentDeletionStatus();
            };
        }

        private AccountAssignmentOperationStatus describe(InFlight f) {
            pace();
            return switch (f.pending.change) {
                case Change.Create c -> client.describeAccountAssignmentCreationStatus(r -> r.instanceArn(instanceArn)
                        .accountAssignmentCreationRequestId(f.requestId)).accountAssignmentCreationStatus();
                case Change.Delete d -> client.describeAccountAssignmentDeletionStatus(r -> r.instanceArn(instanceArn)
                        .accountAssignmentDeletionRequestId(f.requestId)).accountAssignmentDeletionStatus();
            };
        }

        /** Spaces calls to the configured steady rate. */
        private void pace() {
            try {
                pacer.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("apply interrupted", e);
            }
        }

        private void finish(Pending p, ApplyResult.Outcome outcome, String requestId, String reason) {
            ApplyResult result = new ApplyResult(p.change, outcome, requestId, reason, p.attempts,
                    Duration.ofNanos(System.nanoTime() - p.queuedAt));
            results.add(result);
            listener.completed(result);
        }

        private long backoff(int attempt) {
            return backoff.after(attempt).toNanos();
        }
    }

    /** Throttling, conflicts, AWS-side errors and I/O failures are worth another try. */
    static boolean retryable(RuntimeException e) {
        if (e instanceof ThrottlingException || e instanceof ConflictException || e instanceof InternalServerException) {
            return true;
        }
        if (e instanceof AwsServiceException aws) {
            return aws.isThrottlingException() || aws.statusCode() >= 500;
        }
        return e instanceof SdkClientException;
    }

    static String reason(RuntimeException e) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            return aws.awsErrorDetails().errorCode() + ": " + aws.awsErrorDetails().errorMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("apply interrupted", e);
        }
    }
}

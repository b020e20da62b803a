package io.scimbridge.aws.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every emulated account's IAM, the sessions STS handed out (access key id to account), and the
 * emulators' clock, which a test moves forward (credential-report reuse, last-use dates) instead
 * of waiting.
 */
public final class IamAccounts {

    private final Map<String, IamAccount> accounts = new ConcurrentHashMap<>();
    private final Map<String, String> sessions = new ConcurrentHashMap<>();
    private volatile Duration offset = Duration.ZERO;

    /** The account's IAM, created empty (no role, no user) on first mention. */
    public IamAccount account(String accountId) {
        return accounts.computeIfAbsent(accountId, id -> new IamAccount(id, this::now));
    }

    Optional<IamAccount> existing(String accountId) {
        return Optional.ofNullable(accounts.get(accountId));
    }

    /** Now as the emulators see it: the wall clock moved by {@link #advance}. */
    public Instant now() {
        return Instant.now().plus(offset);
    }

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    /** A temporary access key id for a session in {@code accountId}. */
    String openSession(String accountId) {
        String accessKeyId = "ASIA" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
        sessions.put(accessKeyId, accountId);
        return accessKeyId;
    }

    Optional<String> accountOfSession(String accessKeyId) {
        return Optional.ofNullable(sessions.get(accessKeyId));
    }

    void reset() {
        accounts.clear();
        sessions.clear();
        offset = Duration.ZERO;
    }
}

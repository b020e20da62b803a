package io.scimbridge.aws.emulator;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The organisation behind the Organizations emulator: one root, organizational units nested below
 * it, accounts (with a state and tags) in the root or in an OU, and a management account. Tests
 * seed it; the SSO Admin emulator asks it whether an assignment's target account exists.
 * Thread-safe: every method locks this object.
 */
public final class OrganizationTree {

    /** Account states as Organizations reports them (the older {@code Status} field is derived). */
    public enum AccountState {
        ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED;

        /** The deprecated {@code Status} field: ACTIVE, SUSPENDED or PENDING_CLOSURE. */
        String status() {
            return this == CLOSED ? "SUSPENDED" : name();
        }
    }

    /** One account as seeded. */
    public record Account(String id, String name, String email, String parentId, AccountState state,
                          Map<String, String> tags, Instant joined) {
        public Account {
            tags = Map.copyOf(tags);
        }
    }

    /** One organizational unit. */
    public record OrganizationalUnit(String id, String name, String parentId) {
    }

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final String organizationId;
    private final String rootId;
    private final String managementAccountId;
    private final Map<String, OrganizationalUnit> units = new LinkedHashMap<>();
    private final Map<String, Account> accounts = new LinkedHashMap<>();

    /** An organisation whose management account is {@code managementAccountId} (seeded in the root). */
    public OrganizationTree(String managementAccountId) {
        requireAccountId(managementAccountId);
        this.organizationId = "o-" + random(10);
        this.rootId = "r-" + random(4);
        this.managementAccountId = managementAccountId;
        seedAccount(managementAccountId, "management", rootId);
    }

    public String organizationId() {
        return organizationId;
    }

    public String rootId() {
        return rootId;
    }

    public String managementAccountId() {
        return managementAccountId;
    }

    /** Adds an OU under {@code parentId} (the root or another OU) and returns its id. */
    public synchronized String seedOrganizationalUnit(String parentId, String name) {
        requireParent(parentId);
        String id = "ou-" + rootId.substring(2) + "-" + random(8);
        units.put(id, new OrganizationalUnit(id, name, parentId));
        return id;
    }

    /** An ACTIVE account without tags. */
    public synchronized Account seedAccount(String id, String name, String parentId) {
        return seedAccount(id, name, parentId, AccountState.ACTIVE, Map.of());
    }

    public synchronized Account seedAccount(String id, String name, String parentId, AccountState state,
                                            Map<String, String> tags) {
        requireAccountId(id);
        requireParent(parentId);
        if (accounts.containsKey(id)) {
            throw new IllegalStateException("account already in the organisation: " + id);
        }
        Account account = new Account(id, name, name.replaceAll("[^A-Za-z0-9]", "") + "@example.com", parentId,
                state, tags, Instant.now());
        accounts.put(id, account);
        return account;
    }

    public synchronized void setState(String accountId, AccountState state) {
        Account a = account(accountId).orElseThrow(() -> new NoSuchElementException("no account " + accountId));
        accounts.put(accountId, new Account(a.id(), a.name(), a.email(), a.parentId(), state, a.tags(), a.joined()));
    }

    public synchronized void setTags(String accountId, Map<String, String> tags) {
        Account a = account(accountId).orElseThrow(() -> new NoSuchElementException("no account " + accountId));
        accounts.put(accountId, new Account(a.id(), a.name(), a.email(), a.parentId(), a.state(), tags, a.joined()));
    }

    public synchronized Optional<Account> account(String id) {
        return Optional.ofNullable(accounts.get(id));
    }

    public synchronized List<Account> accounts() {
        return List.copyOf(accounts.values());
    }

    public synchronized Optional<OrganizationalUnit> organizationalUnit(String id) {
        return Optional.ofNullable(units.get(id));
    }

    synchronized boolean isParent(String id) {
        return rootId.equals(id) || units.containsKey(id);
    }

    synchronized List<OrganizationalUnit> unitsUnder(String parentId) {
        return units.values().stream().filter(u -> u.parentId().equals(parentId)).toList();
    }

    synchronized List<Account> accountsUnder(String parentId) {
        return accounts.values().stream().filter(a -> a.parentId().equals(parentId)).toList();
    }

    /** Tags of an account, OU or the root (OUs and the root carry none here). */
    synchronized Optional<Map<String, String>> tagsOf(String resourceId) {
        if (accounts.containsKey(resourceId)) {
            return Optional.of(accounts.get(resourceId).tags());
        }
        return isParent(resourceId) ? Optional.of(Map.of()) : Optional.empty();
    }

    /** Forgets everything but the management account. */
    public synchronized void reset() {
        Account management = accounts.get(managementAccountId);
        units.clear();
        accounts.clear();
        accounts.put(managementAccountId, new Account(managementAccountId, management.name(), management.email(),
                rootId, AccountState.ACTIVE, Map.of(), management.joined()));
    }

    private void requireParent(String parentId) {
        if (!isParent(parentId)) {
            throw new NoSuchElementException("no root or OU " + parentId);
        }
    }

    private static void requireAccountId(String id) {
        if (id == null || !ACCOUNT_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("an account id is 12 digits: " + id);
        }
    }

    private static String random(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}

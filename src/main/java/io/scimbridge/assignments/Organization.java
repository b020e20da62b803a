package io.scimbridge.assignments;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The AWS organisation as the planner sees it: accounts with their OU path, tags and status, the
 * OUs, the root and the management account. Immutable; built by {@link OrganizationReader} from
 * Organizations, or by hand in tests through {@link #builder}.
 *
 * <p>{@link #unavailable(String)} stands for an organisation that could not be read (no
 * credentials, no permission): the planner then still plans for accounts listed by id, and
 * reports that OU and tag selectors could not be resolved.
 */
public final class Organization {

    /** An account; {@code path} runs from the root id down to its parent (root or OU) id. */
    public record Account(String id, String name, AccountStatus status, List<String> path, Map<String, String> tags) {
        public Account {
            path = List.copyOf(path);
            tags = Map.copyOf(tags);
        }

        public String parentId() {
            return path.getLast();
        }
    }

    /** An organizational unit. */
    public record Unit(String id, String name, String parentId) {
    }

    private final String rootId;
    private final String managementAccountId;
    private final Map<String, Account> accounts;
    private final Map<String, Unit> units;
    private final Map<String, List<Account>> accountsBelow;
    private final String unavailableReason;

    private Organization(String rootId, String managementAccountId, Map<String, Account> accounts,
                         Map<String, Unit> units, String unavailableReason) {
        this.rootId = rootId;
        this.managementAccountId = managementAccountId;
        this.accounts = Collections.unmodifiableMap(accounts);
        this.units = Collections.unmodifiableMap(units);
        this.unavailableReason = unavailableReason;
        Map<String, List<Account>> below = new HashMap<>();
        for (Account account : accounts.values()) {
            for (String parent : account.path()) {
                below.computeIfAbsent(parent, k -> new ArrayList<>()).add(account);
            }
        }
        below.replaceAll((k, v) -> List.copyOf(v));
        this.accountsBelow = below;
    }

    public static Builder builder(String rootId, String managementAccountId) {
        return new Builder(rootId, managementAccountId);
    }

    /** An organisation that could not be read, and why. */
    public static Organization unavailable(String reason) {
        return new Organization(null, null, new LinkedHashMap<>(), new LinkedHashMap<>(), Objects.requireNonNull(reason));
    }

    public boolean available() {
        return unavailableReason == null;
    }

    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailableReason);
    }

    public String rootId() {
        return rootId;
    }

    /** The management account (assignments there work but are high-risk). */
    public String managementAccountId() {
        return managementAccountId;
    }

    public Optional<Account> account(String id) {
        return Optional.ofNullable(accounts.get(id));
    }

    public Collection<Account> accounts() {
        return accounts.values();
    }

    /** Whether {@code id} is the root or an OU of this organisation. */
    public boolean hasParent(String id) {
        return Objects.equals(rootId, id) || units.containsKey(id);
    }

    public Optional<Unit> unit(String id) {
        return Optional.ofNullable(units.get(id));
    }

    /** Every account below an OU (or the root), at any depth. */
    public List<Account> accountsBelow(String parentId) {
        return accountsBelow.getOrDefault(parentId, List.of());
    }

    /** Builds the tree top-down: a unit's or account's parent must be added first. */
    public static final class Builder {
        private final String rootId;
        private final String managementAccountId;
        private final Map<String, Account> accounts = new LinkedHashMap<>();
        private final Map<String, Unit> units = new LinkedHashMap<>();
        private final Map<String, List<String>> paths = new HashMap<>();

        private Builder(String rootId, String managementAccountId) {
            this.rootId = Objects.requireNonNull(rootId, "rootId");
            this.managementAccountId = managementAccountId;
            paths.put(rootId, List.of(rootId));
        }

        public Builder unit(String id, String name, String parentId) {
            List<String> parentPath = pathOf(parentId);
            List<String> path = new ArrayList<>(parentPath);
            path.add(id);
            paths.put(id, List.copyOf(path));
            units.put(id, new Unit(id, name, parentId));
            return this;
        }

        public Builder account(String id, String name, String parentId, AccountStatus status, Map<String, String> tags) {
            accounts.put(id, new Account(id, name, status, pathOf(parentId), tags));
            return this;
        }

        /** An ACTIVE account without tags. */
        public Builder account(String id, String name, String parentId) {
            return account(id, name, parentId, AccountStatus.ACTIVE, Map.of());
        }

        private List<String> pathOf(String parentId) {
            List<String> path = paths.get(parentId);
            if (path == null) {
                throw new IllegalArgumentException("unknown parent " + parentId + " (add it before its children)");
            }
            return path;
        }

        public Organization build() {
            return new Organization(rootId, managementAccountId, new LinkedHashMap<>(accounts), new LinkedHashMap<>(units),
                    null);
        }
    }
}

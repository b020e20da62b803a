package io.scimbridge.identitycenter.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The identity store behind both emulators: the SCIM emulator writes it, the Identity Store API
 * emulator reads it, and tests may change it directly ("someone edited it in the AWS console").
 *
 * <p>Thread-safety: every method locks this object. {@link #atomically(Supplier)} runs a
 * check-then-act sequence (uniqueness check + insert, membership validation + update) under the
 * same lock, as the real service is consistent for a single identity store.
 *
 * <p>The low-level mutators only protect the store's own invariants (unique userName and group
 * displayName, case-insensitive; members are existing users); Identity Center's request rules are
 * enforced by the SCIM handlers.
 */
public final class IdentityCenterState {

    private static final Pattern STORE_ID = Pattern.compile("d-[0-9a-f]{10}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String identityStoreId;
    private final String idPrefix;
    private final Map<String, StoredUser> users = new LinkedHashMap<>();
    private final Map<String, String> userIdByUserName = new HashMap<>();
    private final Map<String, StoredGroup> groups = new LinkedHashMap<>();
    private final Map<String, String> groupIdByDisplayName = new HashMap<>();
    private final Map<String, Map<String, Membership>> memberships = new HashMap<>();

    /** A store with a random id of AWS's shape ({@code d-} + 10 hex digits). */
    public IdentityCenterState() {
        this("d-" + HexFormat.of().formatHex(randomBytes(5)));
    }

    public IdentityCenterState(String identityStoreId) {
        if (!STORE_ID.matcher(identityStoreId).matches()) {
            throw new IllegalArgumentException("identity store id must look like d-1234567890: " + identityStoreId);
        }
        this.identityStoreId = identityStoreId;
        this.idPrefix = identityStoreId.substring(2);
    }

    public String identityStoreId() {
        return identityStoreId;
    }

    /** Runs {@code action} holding the store's lock (reentrant: it may call any method here). */
    public synchronized <T> T atomically(Supplier<T> action) {
        return action.get();
    }

    // ---- users

    /** Inserts a user with a new id. @throws IllegalStateException if the userName is taken */
    public synchronized StoredUser insertUser(ObjectNode attributes) {
        String userName = requireText(attributes, "userName");
        if (userNameTaken(userName, null)) {
            throw new IllegalStateException("userName already taken: " + userName);
        }
        Instant now = Instant.now();
        StoredUser user = new StoredUser(newId(), attributes, now, now);
        users.put(user.id(), user);
        userIdByUserName.put(Json.lower(userName), user.id());
        return user;
    }

    /** Replaces a user's attributes. @throws NoSuchElementException, IllegalStateException */
    public synchronized StoredUser updateUser(String id, ObjectNode attributes) {
        StoredUser old = users.get(id);
        if (old == null) {
            throw new NoSuchElementException("no user " + id);
        }
        String userName = requireText(attributes, "userName");
        if (userNameTaken(userName, id)) {
            throw new IllegalStateException("userName already taken: " + userName);
        }
        StoredUser updated = new StoredUser(id, attributes, old.created(), Instant.now());
        users.put(id, updated);
        userIdByUserName.remove(Json.lower(old.userName()));
        userIdByUserName.put(Json.lower(userName), id);
        return updated;
    }

    /** Deletes a user and its memberships. */
    public synchronized boolean deleteUser(String id) {
        StoredUser removed = users.remove(id);
        if (removed == null) {
            return false;
        }
        userIdByUserName.remove(Json.lower(removed.userName()));
        memberships.values().forEach(m -> m.remove(id));
        return true;
    }

    public synchronized Optional<StoredUser> user(String id) {
        return Optional.ofNullable(users.get(id));
    }

    /** Case-insensitive, as Identity Center treats userName. */
    public synchronized Optional<StoredUser> userByUserName(String userName) {
        return Optional.ofNullable(userIdByUserName.get(Json.lower(userName))).map(users::get);
    }

    /** All users in creation order. */
    public synchronized List<StoredUser> users() {
        return List.copyOf(users.values());
    }

    /** Whether another user than {@code exceptId} (null: any) holds this userName. */
    public synchronized boolean userNameTaken(String userName, String exceptId) {
        String holder = userIdByUserName.get(Json.lower(userName));
        return holder != null && !holder.equals(exceptId);
    }

    // ---- groups

    /** @throws IllegalStateException if the displayName is taken */
    public synchronized StoredGroup insertGroup(String displayName, String externalId) {
        if (displayNameTaken(displayName, null)) {
            throw new IllegalStateException("group displayName already taken: " + displayName);
        }
        Instant now = Instant.now();
        StoredGroup group = new StoredGroup(newId(), displayName, externalId, now, now);
        groups.put(group.id(), group);
        groupIdByDisplayName.put(Json.lower(displayName), group.id());
        memberships.put(group.id(), new LinkedHashMap<>());
        return group;
    }

    /** @throws NoSuchElementException, IllegalStateException */
    public synchronized StoredGroup updateGroup(String id, String displayName, String externalId) {
        StoredGroup old = groups.get(id);
        if (old == null) {
            throw new NoSuchElementException("no group " + id);
        }
        if (displayNameTaken(displayName, id)) {
            throw new IllegalStateException("group displayName already taken: " + displayName);
        }
        StoredGroup updated = old.renamed(displayName, externalId, Instant.now());
        groups.put(id, updated);
        groupIdByDisplayName.remove(Json.lower(old.displayName()));
        groupIdByDisplayName.put(Json.lower(displayName), id);
        return updated;
    }

    public synchronized boolean deleteGroup(String id) {
        StoredGroup removed = groups.remove(id);
        if (removed == null) {
            return false;
        }
        groupIdByDisplayName.remove(Json.lower(removed.displayName()));
        memberships.remove(id);
        return true;
    }

    public synchronized Optional<StoredGroup> group(String id) {
        return Optional.ofNullable(groups.get(id));
    }

    /** Case-insensitive (an assumption: AWS does not document the case rule for group names). */
    public synchronized Optional<StoredGroup> groupByDisplayName(String displayName) {
        return Optional.ofNullable(groupIdByDisplayName.get(Json.lower(displayName))).map(groups::get);
    }

    public synchronized List<StoredGroup> groups() {
        return List.copyOf(groups.values());
    }

    public synchronized boolean displayNameTaken(String displayName, String exceptId) {
        String holder = groupIdByDisplayName.get(Json.lower(displayName));
        return holder != null && !holder.equals(exceptId);
    }

    // ---- memberships

    /** Adds a user to a group; false if already a member. @throws NoSuchElementException */
    public synchronized boolean addMember(String groupId, String userId) {
        Map<String, Membership> members = membersOf(groupId);
        if (!users.containsKey(userId)) {
            throw new NoSuchElementException("no user " + userId);
        }
        if (members.containsKey(userId)) {
            return false;
        }
        members.put(userId, new Membership(newId(), groupId, userId, Instant.now()));
        return true;
    }

    /** false if the user was not a member. @throws NoSuchElementException if no such group */
    public synchronized boolean removeMember(String groupId, String userId) {
        return membersOf(groupId).remove(userId) != null;
    }

    /** Member user ids in the order they joined. */
    public synchronized List<String> members(String groupId) {
        return List.copyOf(membersOf(groupId).keySet());
    }

    public synchronized List<Membership> memberships(String groupId) {
        return List.copyOf(membersOf(groupId).values());
    }

    public synchronized boolean isMember(String groupId, String userId) {
        Map<String, Membership> members = memberships.get(groupId);
        return members != null && members.containsKey(userId);
    }

    /** Ids of the groups this user belongs to. */
    public synchronized List<String> groupIdsOf(String userId) {
        List<String> ids = new ArrayList<>();
        memberships.forEach((groupId, members) -> {
            if (members.containsKey(userId)) {
                ids.add(groupId);
            }
        });
        return ids;
    }

    private volatile boolean unknownMemberNotFound;

    /**
     * How a group PATCH adding a member id that is no user here is refused: 400 by default, or 404
     * ResourceNotFound, as Identity Center has been seen to answer (the same status as a group that
     * is gone: the bridge must tell the two apart). Reset by {@link #clear()}.
     */
    public void unknownMemberNotFound(boolean on) {
        unknownMemberNotFound = on;
    }

    boolean unknownMemberNotFound() {
        return unknownMemberNotFound;
    }

    /** Forgets every user, group and membership (the identity store id stays). */
    public synchronized void clear() {
        unknownMemberNotFound = false;
        users.clear();
        userIdByUserName.clear();
        groups.clear();
        groupIdByDisplayName.clear();
        memberships.clear();
    }

    private Map<String, Membership> membersOf(String groupId) {
        Map<String, Membership> members = memberships.get(groupId);
        if (members == null) {
            throw new NoSuchElementException("no group " + groupId);
        }
        return members;
    }

    /** Ids of AWS's shape for a non-migrated store: {@code <10 hex of the store id>-<uuid>}, 47 chars. */
    private String newId() {
        return idPrefix + "-" + UUID.randomUUID();
    }

    private static String requireText(ObjectNode attributes, String field) {
        if (!attributes.path(field).isTextual()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return attributes.get(field).asText();
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
